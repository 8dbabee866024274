package dev.stateforge.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SARIF report is skipped only while the state and the report are both as the build that wrote them left them. */
class ReportStampTest {
  @TempDir Path target;
  Path state;
  Path sarif;

  @BeforeEach
  void setUp() throws IOException {
    state = Files.writeString(target.resolve("stateforge-build-default.state"), "{\"format\":1}");
    sarif = Files.writeString(target.resolve("stateforge-report.sarif"), "{\"runs\":[]}");
  }

  ReportStamp stamp() {
    return ReportStamp.of(state.toFile(), sarif.toFile());
  }

  @Test
  void holdsOnceRecordedAndRecordingAgainWritesNothing() throws IOException {
    assertThat(stamp().holds()).isFalse();
    stamp().record();
    assertThat(stamp().holds()).isTrue();

    Path file = target.resolve("stateforge-build-default.state.report");
    FileTime past = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, past);
    stamp().record();
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(past);
  }

  @Test
  void aNewStateOrAnEditedOrMissingReportBreaksIt() throws IOException {
    stamp().record();
    Files.setLastModifiedTime(state, FileTime.fromMillis(1_000_000_000_000L)); // a state written since
    assertThat(stamp().holds()).isFalse();

    stamp().record();
    Files.writeString(sarif, "{\"runs\":[1]}");
    assertThat(stamp().holds()).isFalse();

    stamp().record();
    Files.delete(sarif);
    assertThat(stamp().holds()).isFalse();
  }

  @Test
  void anotherReportPathOrAForgottenStampDoesNotHold() throws IOException {
    stamp().record();
    Path other = Files.copy(sarif, target.resolve("other.sarif"));
    assertThat(ReportStamp.of(state.toFile(), other.toFile()).holds()).isFalse();

    stamp().forget();
    assertThat(stamp().holds()).isFalse();
    assertThat(ReportStamp.of(null, sarif.toFile())).isNull();
    assertThat(ReportStamp.of(state.toFile(), null)).isNull();
  }

  @Test
  void withoutAStateTheStampGoes() throws IOException {
    stamp().record();
    Files.delete(state);
    stamp().record();
    assertThat(target.resolve("stateforge-build-default.state.report")).doesNotExist();
  }
}
