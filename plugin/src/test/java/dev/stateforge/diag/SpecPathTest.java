package dev.stateforge.diag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecPathTest {
  @Test
  void printsInHoconStyle() {
    assertThat(SpecPath.of("storage", "data", "size")).hasToString("storage.data.size");
    assertThat(SpecPath.of("command", 0)).hasToString("command[0]");
    assertThat(SpecPath.of("storageClasses", "gp3.example")).hasToString("storageClasses.\"gp3.example\"");
    assertThat(SpecPath.ROOT).hasToString("");
  }

  @Test
  void navigates() {
    SpecPath size = SpecPath.ROOT.key("storage").key("data").key("size");
    assertThat(size.parent()).isEqualTo(SpecPath.of("storage", "data"));
    assertThat(size.last()).isEqualTo("size");
    assertThat(SpecPath.ROOT.parent().isRoot()).isTrue();
  }
}
