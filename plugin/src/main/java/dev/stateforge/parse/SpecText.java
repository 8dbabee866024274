package dev.stateforge.parse;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.DiagnosticPath;
import dev.stateforge.diag.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a spec or included file before Lightbend Config sees it: at most {@link #MAX_BYTES}, strictly
 * as UTF-8 (Lightbend would turn a bad byte into U+FFFD without a word), a byte-order mark dropped,
 * and CRLF or a lone CR (old Mac files) turned into LF, which is the only line break Lightbend knows.
 * The text is then {@linkplain SpecScan scanned} for input that would make the parser overflow its
 * stack or take minutes.
 */
final class SpecText {
  /** A spec file is a page of settings; a megabyte is already a hundred times the largest preset. */
  static final int MAX_BYTES = 1 << 20;

  private SpecText() {}

  /** Reads at most one byte past the limit, so that a huge (or endless) file is never read whole. */
  static byte[] readBounded(InputStream in) throws IOException {
    return in.readNBytes(MAX_BYTES + 1);
  }

  /**
   * The file's text, ready for Lightbend Config, or null after reporting why it cannot be read.
   *
   * @param name the file as diagnostics name it
   */
  static String decode(byte[] bytes, String name, Consumer<Diagnostic> report) {
    if (bytes.length > MAX_BYTES) {
      report.accept(Diagnostic.error(Codes.SPEC_LIMIT, Location.of(name, 0), DiagnosticPath.NONE,
              "the file is larger than " + MAX_BYTES / 1024 + " KiB, the most a spec or an included file may hold")
          .withHint("split it into files that include each other, or move data out of the spec"));
      return null;
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      report.accept(Diagnostic.error(Codes.SPEC_ENCODING, Location.of(name, lineAt(bytes, at)), DiagnosticPath.NONE,
              String.format("the file is not UTF-8: byte 0x%02X in column %d does not start or continue a character",
                  bytes[at] & 0xFF, columnAt(bytes, at)))
          .withHint("save the file as UTF-8; an editor that wrote Latin-1 or Windows-1252 is the usual cause"));
      return null;
    }
    String text = out.flip().toString();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** The 1-based line of a byte offset, counting LF, CRLF and a lone CR as one break each. */
  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
        line++;
      }
    }
    return line;
  }

  /** The 1-based column of a byte offset, in bytes. */
  private static int columnAt(byte[] bytes, int offset) {
    int start = offset;
    while (start > 0 && bytes[start - 1] != '\n' && bytes[start - 1] != '\r') {
      start--;
    }
    return offset - start + 1;
  }
}
