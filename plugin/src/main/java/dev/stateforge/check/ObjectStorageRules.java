package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.ValueMask;
import dev.stateforge.spec.BackupSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * An object-storage target that cannot work: an endpoint restic cannot read as a service URL, no
 * Secret for the bucket's credentials or the repository password, a retention that keeps nothing.
 */
final class ObjectStorageRules {
  private ObjectStorageRules() {}

  static void check(String app, BackupSpec.ObjectStorageTarget target, Reporter report) {
    SpecPath at = SpecPath.of("backup", "target", "objectStorage");
    endpointProblem(target.endpoint()).ifPresent(problem ->
        report.error(Codes.OBJECT_STORAGE_ENDPOINT, at.key("endpoint"), problem)
            .hint("write the service's URL, such as https://s3.eu-central-1.amazonaws.com or http://minio.backup.svc:9000;"
                + " the bucket goes in bucket and the folder in path"));
    if (target.accessKeyId() == null) {
      report.error(Codes.OBJECT_STORAGE_SECRET_MISSING, at.key("credentials"),
              "no Secret holds the bucket's access key: credentials.secret is not set")
          .hint("create a Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY and name it:"
              + " credentials { secret = " + app + "-backup-s3 }");
    }
    if (target.password() == null) {
      report.error(Codes.OBJECT_STORAGE_SECRET_MISSING, at.key("password"),
              "no Secret holds the repository password that encrypts the backups: password.secret is not set")
          .hint("create a Secret with a long random password, keep a copy outside the cluster, and name it:"
              + " password { secret = " + app + "-backup-key }");
    }
    if (target.keep().keepsNothing()) {
      report.error(Codes.RETENTION_KEEPS_NOTHING, at.key("keep"),
              "every rule of keep is 0, so pruning would forget every snapshot")
          .hint("keep at least one, for example keep { last = 3, daily = 7, weekly = 4, monthly = 12 }");
    }
    BackupRules.schedule(target.pruneSchedule(), at.key("prune").key("schedule"), report);
  }

  /** What is wrong with the endpoint, never quoting a user name or password written into it. */
  static Optional<String> endpointProblem(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      return Optional.of("\"" + ValueMask.cut(endpoint) + "\" is not a URL");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("the endpoint carries a user name or password; credentials belong in a Secret");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      return Optional.of("\"" + ValueMask.cut(endpoint) + "\" is not an http:// or https:// URL with a host");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Optional.of("\"" + ValueMask.cut(endpoint) + "\" has a path, query or fragment; the endpoint is the service's URL alone");
    }
    return Optional.empty();
  }
}
