package dev.stateforge.podrunner;

import java.util.Map;

/**
 * Kubernetes' {@code $(VAR)} expansion (k8s.io/kubernetes third_party/forked/golang/expansion): a
 * defined name is replaced, {@code $$} is one {@code $}, an undefined reference or any other
 * {@code $} stays as written.
 */
public final class Expansion {
  private Expansion() {}

  public static String expand(String text, Map<String, String> defined) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$' || i + 1 >= text.length()) {
        out.append(c);
        i++;
      } else if (text.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
      } else if (text.charAt(i + 1) == '(') {
        int close = text.indexOf(')', i + 2);
        if (close < 0) {
          out.append(text, i, text.length());
          break;
        }
        String name = text.substring(i + 2, close);
        out.append(defined.containsKey(name) ? defined.get(name) : text.substring(i, close + 1));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
