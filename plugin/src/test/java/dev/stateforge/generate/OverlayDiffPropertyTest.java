package dev.stateforge.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The overlays' patches are what the data-safety guard replays (with zjsonpatch) to know what an
 * environment ran before: the diff Stateforge writes, applied to the base object, must give the
 * environment's object exactly, whatever the two trees are. Fixed seed, so a failure reproduces.
 */
class OverlayDiffPropertyTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Few keys, some with the characters a JSON pointer escapes, so that trees overlap and differ. */
  private static final List<String> KEYS = List.of("replicas", "spec", "a/b", "~x", "env", "name", "");

  @Property(tries = 2000, seed = "20261203")
  void applyingTheDiffToTheFirstGivesTheSecond(@ForAll("trees") JsonNode from, @ForAll("trees") JsonNode to) {
    ArrayNode operations = NODES.arrayNode();
    OverlayGenerator.diff(from, to, "", operations);
    JsonNode applied = JsonPatch.apply(operations, from);
    assertThat(applied).isEqualTo(to);
    // Applying works on a copy: the previous output's tree is left as it was read.
    assertThat(from).isEqualTo(from.deepCopy());
  }

  @Property(tries = 300, seed = "20261203")
  void anObjectDiffedWithItselfNeedsNoPatch(@ForAll("objects") JsonNode tree) {
    ArrayNode operations = NODES.arrayNode();
    OverlayGenerator.diff(tree, tree.deepCopy(), "", operations);
    assertThat(operations).isEmpty();
  }

  @Provide
  Arbitrary<JsonNode> trees() {
    return objects(); // a Kubernetes object is a mapping at the top
  }

  @Provide
  Arbitrary<JsonNode> objects() {
    return node(3).filter(JsonNode::isObject);
  }

  private Arbitrary<JsonNode> node(int depth) {
    Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
        Arbitraries.integers().between(-3, 3).map(NODES::numberNode),
        Arbitraries.of("a", "b", "", "$(X)").map(NODES::textNode),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.just(NODES.nullNode()));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<JsonNode> child = node(depth - 1);
    Arbitrary<JsonNode> object = Combinators.combine(KEYS.stream().map(k -> child.injectNull(0.5)).toList())
        .as(values -> {
          ObjectNode o = NODES.objectNode();
          for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
              o.set(KEYS.get(i), values.get(i));
            }
          }
          return (JsonNode) o;
        });
    Arbitrary<JsonNode> array = child.list().ofMaxSize(3).map(items -> {
      ArrayNode a = NODES.arrayNode();
      items.forEach(a::add);
      return (JsonNode) a;
    });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, object), net.jqwik.api.Tuple.of(2, array), net.jqwik.api.Tuple.of(2, scalar));
  }
}
