package dev.stateforge.parse;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Location;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A pass over a file's text, before it is parsed, for two shapes that Lightbend Config cannot take:
 * objects and lists nested so deep that its recursive parser overflows the stack, and one key written
 * in thousands of separate statements ({@code env.A.value = …}, {@code env.B.value = …}), each of
 * which its parser merges into a fresh copy of the whole object, so that parsing time grows with the
 * square of their number (16,000 such lines took 20 s to over a minute).
 *
 * <p>It knows just enough HOCON and JSON to stay out of strings, comments and substitutions; what it
 * misreads only shifts a count, and Lightbend's parser still judges the syntax.
 */
final class SpecScan {
  /** Far deeper than any spec (environments.prod.storage.data.size is five). */
  static final int MAX_NESTING = 32;
  /** Far more than a spec needs, and parsed in well under a second. */
  static final int MAX_STATEMENTS_PER_KEY = 1000;

  private final String text;
  private int pos;
  private int line = 1;

  /** An object or a list being read: for an object, how often each key has been written in it. */
  private record Context(boolean object, Map<String, Integer> keys) {}

  private SpecScan(String text) {
    this.text = text;
  }

  /** The first limit that the text breaks, as a diagnostic at its line, or empty. */
  static Optional<Diagnostic> check(String text, String name) {
    return new SpecScan(text).scan(name);
  }

  private Optional<Diagnostic> scan(String name) {
    Deque<Context> open = new ArrayDeque<>();
    open.push(new Context(true, new HashMap<>()));
    boolean statementStart = true;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
        statementStart = open.peek().object();
      } else if (c == ' ' || c == '\t' || c == '\uFEFF') {
        pos++;
      } else if (c == '#' || c == '/' && text.startsWith("//", pos)) {
        skipComment();
      } else if (c == ',') {
        pos++;
        statementStart = open.peek().object();
      } else if (c == '{' || c == '[') {
        pos++;
        if (open.size() > MAX_NESTING) {
          return Optional.of(Diagnostic.error(Codes.SPEC_LIMIT, Location.of(name, line), DiagnosticPath.NONE,
                  "objects and lists nest more than " + MAX_NESTING + " deep here")
              .withHint("a spec is a few levels deep; flatten the structure"));
        }
        open.push(new Context(c == '{', new HashMap<>()));
        statementStart = c == '{';
      } else if (c == '}' || c == ']') {
        pos++;
        if (open.size() > 1) {
          open.pop();
        }
        statementStart = false;
      } else if (statementStart) {
        statementStart = false;
        String key = readKey();
        if (key != null && open.peek().keys().merge(key, 1, Integer::sum) > MAX_STATEMENTS_PER_KEY) {
          return Optional.of(Diagnostic.error(Codes.SPEC_LIMIT, Location.of(name, line), DiagnosticPath.NONE,
                  "\"" + key + "\" is written in more than " + MAX_STATEMENTS_PER_KEY
                      + " separate statements in one object, which takes minutes to parse")
              .withHint("write its keys in one block: " + key + " { a = …, b = … }"));
        }
      } else {
        skipValueToken();
      }
    }
    return Optional.empty();
  }

  /** The first element of the key that starts a statement, or null for an include statement. */
  private String readKey() {
    String key;
    if (text.charAt(pos) == '"') {
      int start = pos;
      skipQuoted();
      key = text.substring(start, pos);
    } else {
      int start = pos;
      while (pos < text.length() && ".=:{[+,}]\n \t#\"$".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      key = text.substring(start, pos);
      if (key.equals("include")) {
        return null;
      }
    }
    return key.isEmpty() ? null : key;
  }

  /** Skips a quoted string, a substitution or any other single character of a value. */
  private void skipValueToken() {
    char c = text.charAt(pos);
    if (c == '"') {
      skipQuoted();
    } else if (c == '$' && text.startsWith("${", pos)) {
      int end = text.indexOf('}', pos);
      pos = end < 0 ? text.length() : end + 1;
    } else {
      pos++;
    }
  }

  private void skipComment() {
    int end = text.indexOf('\n', pos);
    pos = end < 0 ? text.length() : end;
  }

  /** Skips "…" with its escapes, or """…""" (which may span lines). */
  private void skipQuoted() {
    if (text.startsWith("\"\"\"", pos)) {
      int end = text.indexOf("\"\"\"", pos + 3);
      int stop = end < 0 ? text.length() : end + 3;
      while (stop < text.length() && text.charAt(stop) == '"') {
        stop++; // """a"""" ends with the last quote
      }
      countLines(pos, stop);
      pos = stop;
      return;
    }
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\') {
        pos += 2;
      } else if (c == '"') {
        pos++;
        return;
      } else if (c == '\n') {
        return; // an unclosed string: the parser reports it
      } else {
        pos++;
      }
    }
    pos = Math.min(pos, text.length());
  }

  private void countLines(int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
  }
}
