package dev.stateforge.state;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key under which the build state records the variables' values: an HMAC-SHA256, never a plain
 * digest, because a short value (a port, a flag, a short password) could be found again from its
 * SHA-256 by trying every candidate. The key is 32 random bytes in a file of its own beside the state,
 * readable by its owner only, so the state file alone (copied into a cache or a bug report) gives
 * nothing to test guesses against. A missing or damaged key is replaced by a new one; the state then
 * no longer matches, and the next build simply runs in full.
 */
public final class StateKey {
  static final int BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final byte[] key;

  private StateKey(byte[] key) {
    this.key = key;
  }

  /** The key in {@code file}, made when there is none (or it is not 32 bytes in a regular file). */
  public static StateKey in(Path file) throws IOException {
    if (Files.isRegularFile(file, NOFOLLOW) && Files.size(file) == BYTES) {
      return new StateKey(Files.readAllBytes(file));
    }
    Files.deleteIfExists(file); // damaged, or a symbolic link: never read or written through
    byte[] fresh = new byte[BYTES];
    new SecureRandom().nextBytes(fresh);
    Files.createDirectories(file.toAbsolutePath().getParent());
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.write(file, fresh, StandardOpenOption.TRUNCATE_EXISTING, NOFOLLOW);
      return new StateKey(fresh);
    } catch (FileAlreadyExistsException e) {
      return in(file); // another build of the same module made it just now
    }
  }

  /** The HMAC of a value, as hex. */
  public String mac(String value) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
    }
  }
}
