package dev.stateforge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Diagnostic;
import dev.stateforge.diag.YamlPath;
import java.util.Optional;

/**
 * A {@code v1 Secret} committed with its values: base64 is an encoding, not encryption, so everyone
 * who can read the repository (every clone, every fork, the GitOps tool's cache) can read them, for
 * good. The finding names the field and how many keys it holds, never a key's value.
 */
final class CommittedSecret {
  private CommittedSecret() {}

  static Optional<Diagnostic> check(YamlDocument document) {
    for (String field : new String[] {"data", "stringData"}) {
      JsonNode values = document.tree().path(field);
      if (values.isMissingNode() || values.isNull() || (values.isContainerNode() && values.isEmpty())) {
        continue;
      }
      String name = ManifestValidator.shown(document.tree().at("/metadata/name").asText(""));
      return Optional.of(Diagnostic.error(Codes.SECRET_IN_GIT, document.location("/" + field), new YamlPath("/" + field),
              "Secret " + name + " holds " + values.size() + " value(s) in " + field
                  + ", which everyone with access to the repository can read (base64 is not encryption)")
          .withHint("commit no Secret with values: encrypt it (Sealed Secrets, SOPS) or sync it from a secret store "
              + "(External Secrets Operator), and commit that object instead"));
    }
    return Optional.empty();
  }
}
