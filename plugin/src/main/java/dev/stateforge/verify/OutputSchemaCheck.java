package dev.stateforge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import dev.stateforge.generate.OutputObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks generated objects against the strict schema of the target Kubernetes version. After a clean
 * spec a violation is Stateforge's bug, unless a newer supported version accepts the object: then the
 * spec asks for something the target version does not have.
 */
public final class OutputSchemaCheck {

  private OutputSchemaCheck() {}

  public static List<SchemaViolation> check(ObjectSet objects, String version) {
    return check(objects, objects.objects(), version);
  }

  /** Checks {@code which}, objects of {@code objects}, so that their JSON trees are the set's, made once for every check. */
  public static List<SchemaViolation> check(ObjectSet objects, List<OutputObject> which, String version) {
    String latest = KubernetesSchemas.latest();
    // Objects are independent and compiled schemas are thread-safe: check them on every core.
    return which.parallelStream().flatMap(o -> check(objects, o, version, latest).stream()).toList();
  }

  private static List<SchemaViolation> check(ObjectSet objects, OutputObject object, String version, String latest) {
    String apiVersion = object.object().getApiVersion();
    String kind = object.kind();
    if (!KubernetesSchemas.knows(version, apiVersion, kind)) {
      return List.of(new SchemaViolation(object, "", "Stateforge has no Kubernetes " + version + " schema for "
          + apiVersion + " " + kind, null));
    }
    JsonNode tree = objects.tree(object);
    List<Error> errors = KubernetesSchemas.validate(version, apiVersion, kind, tree);
    if (errors.isEmpty()) {
      return List.of();
    }
    boolean newerAccepts = !version.equals(latest) && KubernetesSchemas.knows(latest, apiVersion, kind)
        && KubernetesSchemas.validate(latest, apiVersion, kind, tree).isEmpty();
    List<SchemaViolation> out = new ArrayList<>();
    for (Error error : errors) {
      out.add(SchemaViolation.of(object, error, newerAccepts ? latest : null));
    }
    return out;
  }
}
