package dev.stateforge.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A peer-list member format: its placeholders, literal braces, and every way to get one wrong. */
class MemberFormatTest {
  static final Map<String, String> VALUES = Map.of("ordinal", "1", "pod", "zk-1", "host", "zk-1.zk-hs");

  @Test
  void placeholdersAreReplacedAndTheRestIsKept() {
    MemberFormat format = new MemberFormat("server.{ordinal}={host}:2888:3888;2181 ({pod})");

    assertThat(format.problems()).isEmpty();
    assertThat(format.render(VALUES)).isEqualTo("server.1=zk-1.zk-hs:2888:3888;2181 (zk-1)");
  }

  /** HOCON's ${x} and Kubernetes' $(X) are never placeholders, so {{ and }} are how a literal brace is written. */
  @Test
  void doubledBracesAreLiteralBraces() {
    MemberFormat format = new MemberFormat("{{\"id\": {ordinal}}}");

    assertThat(format.problems()).isEmpty();
    assertThat(format.render(VALUES)).isEqualTo("{\"id\": 1}");
  }

  @Test
  void anUnknownPlaceholderIsAProblemThatNamesIt() {
    assertThat(new MemberFormat("{pod}=http://{hostname}:2380").problems())
        .containsExactly(new MemberFormat.Problem("{hostname} is not a placeholder", "hostname"));
  }

  @Test
  void strayBracesAreProblems() {
    assertThat(new MemberFormat("{host:2380").problems()).extracting(MemberFormat.Problem::message)
        .containsExactly("a '{' opens a placeholder that is never closed; write {{ for a literal brace");
    assertThat(new MemberFormat("{pod{host}").problems()).extracting(MemberFormat.Problem::message)
        .containsExactly("a '{' opens a placeholder that is never closed; write {{ for a literal brace");
    assertThat(new MemberFormat("host}").problems()).extracting(MemberFormat.Problem::message)
        .containsExactly("a '}' closes no placeholder; write }} for a literal brace");
  }

  /** One list for every pod: a per-pod $(VAR) in it would be expanded in each pod to that pod's value, which is never meant. */
  @Test
  void aKubernetesVariableIsAProblemAndAnEscapedOneIsNot() {
    assertThat(new MemberFormat("$(POD_NAME)=http://{host}").problems()).extracting(MemberFormat.Problem::message)
        .containsExactly("$(POD_NAME) in a member format is not expanded per member: the list is the same for every pod");
    assertThat(new MemberFormat("$$(POD_NAME)={host}").problems()).isEmpty();
  }

  @Test
  void renderingAFormatWithAProblemIsABug() {
    assertThatThrownBy(() -> new MemberFormat("{nope}").render(VALUES)).isInstanceOf(IllegalStateException.class);
  }
}
