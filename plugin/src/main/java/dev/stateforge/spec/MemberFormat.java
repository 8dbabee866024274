package dev.stateforge.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one member of a peer list is written: literal text with {@code {placeholder}}s, and {@code {{}}
 * and {@code }}} for literal braces. Braces, not {@code ${…}} (HOCON's substitution) nor {@code $(…)}
 * (Kubernetes' expansion), so that neither reads the placeholders first.
 */
public record MemberFormat(String text) {
  /** The member's ordinal. */
  public static final String ORDINAL = "ordinal";
  /** The member's pod name, {@code <name>-<ordinal>}. */
  public static final String POD = "pod";
  /** The member's stable DNS name. */
  public static final String HOST = "host";
  /** Every placeholder, in the order the docs list them. */
  public static final List<String> PLACEHOLDERS = List.of(ORDINAL, POD, HOST);

  /** One thing wrong with a format: what it is, and the placeholder it names (null for a stray brace or a $(…)). */
  public record Problem(String message, String placeholder) {}

  /** What is wrong with this format, in text order; empty when it renders. */
  public List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    scan(null, problems);
    if (VariableReferences.in(text).stream().findAny().isPresent()) {
      problems.add(new Problem("$(" + VariableReferences.in(text).get(0) + ") in a member format is not expanded per member: "
          + "the list is the same for every pod", null));
    }
    return problems;
  }

  /** The member written with these placeholder values; call only on a format without {@link #problems()}. */
  public String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    scan(values, null);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
        out.append(c);
        i++;
      } else if (c == '{') {
        int close = text.indexOf('}', i);
        out.append(values.get(text.substring(i + 1, close)));
        i = close;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Walks the placeholders; reports into {@code problems}, or checks that {@code values} has each. */
  private void scan(Map<String, String> values, List<Problem> problems) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
        i++;
        continue;
      }
      String problem = null;
      String name = null;
      if (c == '}') {
        problem = "a '}' closes no placeholder; write }} for a literal brace";
      } else if (c == '{') {
        int close = text.indexOf('}', i);
        int open = text.indexOf('{', i + 1);
        if (close < 0 || open >= 0 && open < close) {
          problem = "a '{' opens a placeholder that is never closed; write {{ for a literal brace";
        } else {
          name = text.substring(i + 1, close);
          if (!PLACEHOLDERS.contains(name)) {
            problem = "{" + name + "} is not a placeholder";
          }
          i = close;
        }
      }
      if (problem != null && problems != null) {
        problems.add(new Problem(problem, name)); // List.of(…).contains(null) would throw: name is null for a stray brace
      } else if (problem != null) {
        throw new IllegalStateException("member format \"" + text + "\": " + problem);
      }
    }
  }
}
