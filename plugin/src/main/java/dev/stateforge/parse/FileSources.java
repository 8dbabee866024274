package dev.stateforge.parse;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.FileSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code source} of each config file, bounded as the spec loader reads a spec: inside the
 * project directory only (a link that leads out of it is refused and its target never read), at
 * most {@link #MAX_BYTES} (what a ConfigMap holds), strictly UTF-8.
 */
final class FileSources {
  /** The most a ConfigMap holds (etcd's object limit): every config file of an app together. */
  static final int MAX_BYTES = 1 << 20;

  private FileSources() {}

  /** The app with each source's text in its file's content; a source that cannot be read is reported and left without. */
  static AppSpec read(AppSpec app, Path projectRoot, Reporter report) {
    if (app.files().stream().noneMatch(f -> f.source() != null)) {
      return app;
    }
    List<FileSpec> read = new ArrayList<>();
    for (FileSpec file : app.files()) {
      read.add(file.source() == null ? file : file.withContent(text(file, projectRoot, report)));
    }
    return app.withFiles(read);
  }

  private static String text(FileSpec file, Path projectRoot, Reporter report) {
    SpecPath path = SpecPath.of("files", file.name(), "source");
    Path lexical = projectRoot.resolve(file.source()).normalize();
    if (!lexical.startsWith(projectRoot)) {
      report.error(Codes.FILE_SOURCE, path, "source " + file.source() + " is outside the project directory")
          .hint("copy the file into the project; a source is a path relative to the project directory");
      return null;
    }
    if (!Files.exists(lexical)) {
      report.error(Codes.FILE_SOURCE, path,
              "source " + file.source() + " does not exist" + (Files.exists(lexical, LinkOption.NOFOLLOW_LINKS) ? " (a broken link)" : ""))
          .hint("a source is a path relative to the project directory (where pom.xml is), not to the spec file");
      return null;
    }
    try {
      Path real = lexical.toRealPath();
      if (!real.startsWith(projectRoot)) {
        // Never read, so never quoted: the target may be any file the build can read.
        report.error(Codes.FILE_SOURCE, path, "source " + file.source() + " is a link to a file outside the project directory, "
                + "which Stateforge does not read")
            .hint("copy the file into the project; a link may point only at a file inside the project");
        return null;
      }
      if (!Files.isRegularFile(real)) {
        report.error(Codes.FILE_SOURCE, path, "source " + file.source() + " is not a file")
            .hint("name a file of the project, with its extension");
        return null;
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(real)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        report.error(Codes.FILES_TOO_LARGE, path, "source " + file.source() + " is larger than 1 MiB, the most a ConfigMap holds")
            .hint("keep large data in a volume, or mount a file the image or an init step provides");
        return null;
      }
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException e) {
        report.error(Codes.FILE_SOURCE, path, "source " + file.source() + " is not UTF-8 text")
            .hint("save the file as UTF-8; a binary file (a keystore) belongs in a Secret, mounted with secret");
        return null;
      }
    } catch (IOException e) {
      String why = e.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
      report.error(Codes.FILE_SOURCE, path, "source " + file.source() + " cannot be read: " + why)
          .hint("check that the build may read the file");
      return null;
    }
  }
}
