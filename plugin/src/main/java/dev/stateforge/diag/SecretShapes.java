package dev.stateforge.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a name or a value looks like a secret, so that it is never written or printed in the open.
 * A value is judged by its name (DB_PASS), and by its shape wherever it appears (env values, args,
 * commands, scripts): a URL with a password, a secret flag or assignment ({@code --password=…},
 * {@code PGPASSWORD=…}), a well-known token format (AWS, GitHub, Slack, JWT, private keys), or a
 * random-looking string. A variable reference ({@code $X}, {@code ${X}}, {@code $(X)}) is never a
 * literal. The site's page of rule env-secret-literal states these rules for users.
 *
 * <p>Random-looking: a run of at least {@value #MIN_RANDOM_LENGTH} characters of the base64/hex
 * alphabets ({@code A-Z a-z 0-9 + / _ -}, then {@code =} padding), not made of words (each part between separators all
 * lower case, all upper case or camel-case words that may end in an acronym such as {@code IPs}, then digits), mixing at least two of upper case,
 * lower case and digits, whose Shannon entropy is at least {@value #MIN_ENTROPY} bits per character
 * (the threshold of gitleaks' generic-api-key rule; random base64 of 20 characters scores 3.8 to 4.3,
 * paths and words stay below or are made of words); pure hex needs {@value #MIN_HEX_LENGTH}
 * characters and {@value #MIN_HEX_ENTROPY} bits (truffleHog's hex threshold). Canonical UUIDs and
 * {@code sha256:} digests are identifiers, not secrets.
 */
public final class SecretShapes {
  static final int MIN_RANDOM_LENGTH = 20;
  static final double MIN_ENTROPY = 3.5;
  static final int MIN_HEX_LENGTH = 32;
  static final double MIN_HEX_ENTROPY = 3.0;
  public static final String MASK = "***";

  /** Why a value looks like a secret: words for a message, never the value. */
  public enum Shape {
    NAME("a literal value"),
    URL_PASSWORD("a URL with a password"),
    ASSIGNMENT("a literal secret setting"),
    KNOWN_TOKEN("a token in a well-known secret format"),
    RANDOM("a random-looking string, such as a key or token");

    private final String words;

    Shape(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /** A secret-looking span of a text: {@code [start, end)}. */
  public record Match(Shape shape, int start, int end) {}

  /** Words that make a name secret wherever they appear in it, as a whole or inside a longer word. */
  private static final Pattern SECRET_WORD =
      Pattern.compile("PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|APIKEY|PRIVATEKEY|ACCESSKEY");
  /** The same words but TOKEN: what a person may choose as a plain word, so any literal value of it is a secret. */
  private static final Pattern CHOSEN_SECRET_WORD =
      Pattern.compile("PASSWORD|PASSWD|PASSPHRASE|SECRET|CREDENTIAL|APIKEY|PRIVATEKEY|ACCESSKEY");
  /**
   * A plain name: lower-case words and digits between {@code -}, {@code _} and {@code .}, such as
   * {@code etcd} or {@code etcd-cluster-1}. A token is made by a machine (random, or in a format such
   * as kubeadm's {@code abcdef.0123456789abcdef}), so a setting named a token whose value is a plain
   * name names something instead: etcd's {@code --initial-cluster-token} tells clusters apart.
   */
  private static final Pattern PLAIN_NAME = Pattern.compile("[a-z]++[0-9]*+(?:[-_.](?:[a-z]++[0-9]*+|[0-9]++))*+");
  /** Short words that make a name secret only as a part of their own (DB_PASS, MYSQL_PWD, not PASSPORT). */
  private static final Set<String> SECRET_PARTS = Set.of("PASS", "PWD", "PW", "DSN", "AUTH", "CREDS", "PRIVATE");
  /** KEY makes a name secret after these (ENCRYPTION_KEY; not PRIMARY_KEY). */
  private static final Set<String> KEY_KINDS =
      Set.of("API", "ACCESS", "PRIVATE", "SECRET", "ENCRYPTION", "MASTER", "SIGNING", "SESSION", "LICENSE", "AUTH", "HMAC");
  /** A last part that says the setting is about a secret, not the secret itself (PASSWORD_FILE, AUTH_METHOD). */
  private static final Set<String> QUALIFIERS = Set.of("FILE", "PATH", "DIR", "METHOD", "MODE", "TYPE", "ENABLED",
      "DISABLED", "REQUIRED", "ALGORITHM", "TTL", "TIMEOUT", "EXPIRY", "LENGTH", "SIZE", "HOST", "PORT", "USER",
      "USERNAME", "NAME", "URL", "POLICY", "PLUGIN", "KEYREF", "REF", "DATABASE", "DB");
  /** A last part that names an identifier, whose random look is no secret (CLUSTER_ID, --cluster-id). */
  private static final Set<String> IDENTIFIERS = Set.of("ID", "UUID", "DIGEST", "CHECKSUM", "SHA", "SHA256", "HASH");
  private static final Set<String> PLAIN_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "0", "1");

  private static final Pattern NAME_PART = Pattern.compile("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+");
  private static final Pattern REFERENCE =
      Pattern.compile("\\$(?:\\([A-Za-z_][A-Za-z0-9_.-]{0,253}\\)|\\{[^}]{0,256}\\}|[A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern URL_PASSWORD =
      Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\\s/@:\"']{0,256}:([^\\s/@\"']{1,256})@");
  /** {@code NAME=value}, {@code --name=value}: an assignment anywhere in a text (shell, args, query strings). */
  private static final Pattern ASSIGNMENT = Pattern.compile(
      "(?<![A-Za-z0-9_.-])-{0,2}([A-Za-z_][A-Za-z0-9_.-]{0,127})=(\"[^\"]*\"|'[^']*'|[^\\s;&|'\"]*)");
  /** {@code --name value}: a flag and its value, in one text. */
  private static final Pattern FLAG = Pattern.compile(
      "(?<![A-Za-z0-9_-])--?([A-Za-z][A-Za-z0-9_-]{0,127})[ \\t]+(\"[^\"]*\"|'[^']*'|[^\\s;&|'\"-][^\\s;&|'\"]*)");
  private static final Pattern FLAG_ALONE = Pattern.compile("--?([A-Za-z][A-Za-z0-9_-]*)");
  private static final Pattern KNOWN_TOKEN = Pattern.compile(String.join("|",
      "(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])",
      "gh[pousr]_[A-Za-z0-9]{36,}", "github_pat_[A-Za-z0-9_]{40,}", "glpat-[A-Za-z0-9_-]{20,}",
      "xox[abposr]-[A-Za-z0-9-]{10,}", "(?:sk|rk)_live_[A-Za-z0-9]{16,}", "AIza[0-9A-Za-z_-]{35}",
      "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*",
      "-----BEGIN [A-Z ]*PRIVATE KEY-----"));
  private static final Pattern DIGEST = Pattern.compile("(?i)(?:sha1|sha256|sha384|sha512|md5):[0-9a-f]{32,}");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** A run of the base64/base64url/hex alphabets; {@code =} only as padding, so {@code name=value} splits. */
  private static final Pattern CANDIDATE = Pattern.compile("[A-Za-z0-9+/_-]{" + MIN_RANDOM_LENGTH + ",}={0,2}");
  /** Possessive quantifiers: a part that is not a word fails at once, without trying every split of it. */
  private static final Pattern WORD =
      Pattern.compile("[a-z]++[0-9]*+|[A-Z]++[0-9]*+|(?:[A-Z]?+[a-z]++)++(?:[A-Z]++s?+)?+[0-9]*+|[0-9]++(?:[A-Z]++|[a-z]++)?+");

  private SecretShapes() {}

  /** Whether a variable or setting of this name holds a secret (DB_PASS, mysqlPwd, api-key), by its words. */
  public static boolean secretName(String name) {
    List<String> parts = parts(name);
    return !parts.isEmpty() && !QUALIFIERS.contains(parts.get(parts.size() - 1)) && secretWords(parts, SECRET_WORD);
  }

  /** Whether the words of a name hold one of {@code words}, a secret part, or a kind of KEY. */
  private static boolean secretWords(List<String> parts, Pattern words) {
    if (words.matcher(String.join("", parts)).find()) {
      return true;
    }
    for (int i = 0; i < parts.size(); i++) {
      if (SECRET_PARTS.contains(parts.get(i)) || parts.get(i).equals("KEY") && i > 0 && KEY_KINDS.contains(parts.get(i - 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the literal {@code value} of the variable or setting {@code name} is a secret by its name:
   * a secret's name (see {@link #secretName}) with a value that is not {@link #harmless}, except that a
   * name that is a secret's only for its TOKEN ({@code INITIAL_CLUSTER_TOKEN}, {@code GITHUB_TOKEN})
   * takes a plain name ({@code etcd-cluster-1}) for no token: tokens are made by machines.
   */
  public static boolean secretValue(String name, String value) {
    if (!secretName(name) || harmless(value)) {
      return false;
    }
    return !(tokenOnly(name) && PLAIN_NAME.matcher(unquote(value.strip())).matches());
  }

  /** A secret's name only for the word TOKEN in it: no other secret word or part (AUTH_TOKEN has AUTH). */
  private static boolean tokenOnly(String name) {
    return !secretWords(parts(name), CHOSEN_SECRET_WORD);
  }

  /** The words of a name, upper case: {@code mysqlRootPwd}, {@code MYSQL_ROOT_PWD} and {@code mysql-root-pwd} alike. */
  private static List<String> parts(String name) {
    List<String> parts = new ArrayList<>();
    Matcher m = NAME_PART.matcher(name);
    while (m.find()) {
      parts.add(m.group().toUpperCase(Locale.ROOT));
    }
    return parts;
  }

  private static boolean identifierName(String name) {
    List<String> parts = parts(name);
    return !parts.isEmpty() && IDENTIFIERS.contains(parts.get(parts.size() - 1));
  }

  /** Whether a value cannot be a literal secret: empty, a flag word, a path, or only variable references. */
  public static boolean harmless(String value) {
    String v = unquote(value.strip());
    // A value with a reference in it is read from the environment when it runs, not written here.
    return v.isEmpty() || PLAIN_WORDS.contains(v.toLowerCase(Locale.ROOT)) || v.startsWith("/") && !v.contains(" ")
        || REFERENCE.matcher(v).find();
  }

  /** Why the value of the variable {@code name} looks like a secret, if it does. */
  public static Optional<Shape> inVariable(String name, String value) {
    if (value == null || harmless(value)) {
      return Optional.empty();
    }
    if (secretValue(name, value)) {
      return Optional.of(Shape.NAME);
    }
    return find(value, !identifierName(name)).stream().findFirst().map(Match::shape);
  }

  /** Every secret-looking span of a text (an argument, a command, a script), in order. */
  public static List<Match> find(String text) {
    return find(text, true);
  }

  /** Secret-looking spans of a list of arguments: each one's own, and the value after a secret flag ({@code --password x}). */
  public static List<Optional<Shape>> inArguments(List<String> arguments) {
    List<Optional<Shape>> out = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i) == null ? "" : arguments.get(i);
      Optional<Shape> own = find(argument).stream().findFirst().map(Match::shape);
      if (own.isEmpty() && i > 0 && arguments.get(i - 1) != null) {
        Matcher flag = FLAG_ALONE.matcher(arguments.get(i - 1));
        if (flag.matches() && secretValue(flag.group(1), argument) && !argument.startsWith("-")) {
          own = Optional.of(Shape.ASSIGNMENT);
        }
      }
      out.add(own);
    }
    return out;
  }

  private static List<Match> find(String text, boolean random) {
    List<Match> found = new ArrayList<>();
    Matcher url = URL_PASSWORD.matcher(text);
    while (url.find()) {
      if (!harmless(url.group(1))) {
        found.add(new Match(Shape.URL_PASSWORD, url.start(1), url.end(1)));
      }
    }
    for (Pattern pattern : List.of(ASSIGNMENT, FLAG)) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        if (secretValue(m.group(1), m.group(2))) {
          found.add(new Match(Shape.ASSIGNMENT, m.start(2), m.end(2)));
        }
      }
    }
    Matcher known = KNOWN_TOKEN.matcher(text);
    while (known.find()) {
      found.add(new Match(Shape.KNOWN_TOKEN, known.start(), known.end()));
    }
    if (random) {
      String blanked = blankIdentifierValues(blank(blank(text, DIGEST), UUID));
      Matcher candidate = CANDIDATE.matcher(blanked);
      while (candidate.find()) {
        if (randomLooking(candidate.group())) {
          found.add(new Match(Shape.RANDOM, candidate.start(), candidate.end()));
        }
      }
    }
    found.sort(Comparator.comparingInt(Match::start));
    return found;
  }

  /** Blanks the spans of {@code pattern}, keeping every other offset. */
  private static String blank(String text, Pattern pattern) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder(text);
    while (m.find()) {
      for (int i = m.start(); i < m.end(); i++) {
        out.setCharAt(i, ' ');
      }
    }
    return out.toString();
  }

  /** Blanks the value of each setting named as an identifier ({@code --cluster-id=MkU3OEVBNTcwNTJENDM2Qk}): an id, no secret. */
  private static String blankIdentifierValues(String text) {
    Matcher m = ASSIGNMENT.matcher(text);
    StringBuilder out = new StringBuilder(text);
    while (m.find()) {
      if (identifierName(m.group(1))) {
        for (int i = m.start(2); i < m.end(2); i++) {
          out.setCharAt(i, ' ');
        }
      }
    }
    return out.toString();
  }

  /** A run of the token alphabet that is not made of words and carries enough entropy per character. */
  static boolean randomLooking(String token) {
    if (token.contains("$") || token.startsWith("/") || madeOfWords(token)) {
      return false;
    }
    boolean upper = token.chars().anyMatch(Character::isUpperCase);
    boolean lower = token.chars().anyMatch(Character::isLowerCase);
    boolean digit = token.chars().anyMatch(Character::isDigit);
    if ((upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) < 2) {
      return false;
    }
    if (token.matches("[0-9a-f]+|[0-9A-F]+")) {
      return token.length() >= MIN_HEX_LENGTH && entropy(token) >= MIN_HEX_ENTROPY;
    }
    return entropy(token) >= MIN_ENTROPY;
  }

  private static boolean madeOfWords(String token) {
    for (String part : token.split("[-_/+=.]+")) {
      if (!part.isEmpty() && !WORD.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String s) {
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / s.length();
        bits -= p * Math.log(p) / Math.log(2);
      }
    }
    if (other > 0) {
      double p = (double) other / s.length();
      bits -= p * Math.log(p) / Math.log(2);
    }
    return bits;
  }

  /** The text with every secret-looking span replaced by {@value #MASK}. */
  public static String mask(String text) {
    List<Match> matches = find(text);
    if (matches.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Match m : matches) {
      if (m.start() >= at) {
        out.append(text, at, m.start()).append(MASK);
        at = m.end();
      } else if (m.end() > at) {
        at = m.end(); // overlaps the previous span: extend the mask
      }
    }
    return out.append(text.substring(at)).toString();
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
