package dev.stateforge.emit;

import dev.stateforge.diag.SecretShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secret-looking values in the lines of a YAML file before they are printed (the diff of the
 * {@code check} goal): the value of an env entry whose name is a secret's, and every span that
 * {@link SecretShapes} flags on any line. Line by line, so that a committed file that is not valid
 * YAML is masked too.
 */
final class SecretMask {
  /** {@code - name: DB_PASS} (a list item's name key), with the column of the key. */
  private static final Pattern NAME = Pattern.compile("^(\\s*(?:- )?)name:\\s*[\"']?([^\"'#]*?)[\"']?\\s*$");
  private static final Pattern VALUE = Pattern.compile("^(\\s*(?:- )?)value:(\\s*)(\\S.*)$");

  private SecretMask() {}

  static List<String> mask(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size());
    String name = null;
    int nameColumn = -1;
    for (String line : lines) {
      Matcher n = NAME.matcher(line);
      Matcher v = VALUE.matcher(line);
      if (n.matches()) {
        name = n.group(2);
        nameColumn = n.group(1).length();
      } else if (v.matches() && name != null && v.group(1).length() == nameColumn && SecretShapes.secretValue(name, v.group(3))) {
        out.add(v.group(1) + "value:" + v.group(2) + SecretShapes.MASK);
        continue;
      }
      out.add(SecretShapes.mask(line));
    }
    return out;
  }
}
