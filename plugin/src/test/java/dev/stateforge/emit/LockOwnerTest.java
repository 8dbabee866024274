package dev.stateforge.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockOwnerTest {
  @TempDir Path dir;

  @Test
  void findsThePidHoldingALockOnTheInode() throws IOException {
    Path table = Files.writeString(dir.resolve("locks"), """
        1: OFDLCK ADVISORY  WRITE -1 08:01:777 0 EOF
        2: POSIX  ADVISORY  WRITE 4242 08:01:1234567 0 EOF
        2: -> POSIX  ADVISORY  WRITE 5151 08:01:1234567 0 EOF
        3: FLOCK  ADVISORY  WRITE 99 fd:00:12345678 0 EOF
        """);
    assertThat(LockOwner.pidOf("(dev=801,ino=1234567)", table)).isEqualTo("4242");
    assertThat(LockOwner.pidOf("(dev=fd00,ino=12345678)", table)).isEqualTo("99");
    assertThat(LockOwner.pidOf("(dev=801,ino=123456)", table)).isNull(); // a prefix of another inode is not it
    assertThat(LockOwner.pidOf("(dev=801,ino=777)", table)).isNull(); // an open file description lock has no pid
  }

  @Test
  void withoutALockTableTheMessageNamesTheFileOnly() {
    assertThat(LockOwner.pidOf("(dev=801,ino=1)", dir.resolve("absent"))).isNull();
    assertThat(LockOwner.pidOf("no inode here", dir.resolve("absent"))).isNull();
    assertThat(LockOwner.describe(dir.resolve("lock"), null)).isEqualTo("lock file " + dir.resolve("lock"));
  }
}
