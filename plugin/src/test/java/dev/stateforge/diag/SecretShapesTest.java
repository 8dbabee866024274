package dev.stateforge.diag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stateforge.diag.SecretShapes.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretShapesTest {

  @ParameterizedTest
  @ValueSource(strings = {"DB_PASS", "MYSQL_PWD", "POSTGRES_PASSWORD", "PGPASSWORD", "REDIS_AUTH", "SENTRY_DSN",
      "GOOGLE_APPLICATION_CREDENTIALS", "API_KEY", "apiKey", "mysqlRootPwd", "ENCRYPTION_KEY", "SSH_PRIVATE_KEY",
      "CLIENT_SECRET", "GITHUB_TOKEN", "KEYSTORE_PASSPHRASE", "password", "db-pass", "AWS_SECRET_ACCESS_KEY", "DB_CREDS"})
  void secretNames(String name) {
    assertThat(SecretShapes.secretName(name)).as(name).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"POSTGRES_PASSWORD_FILE", "PGPASSFILE", "POSTGRES_HOST_AUTH_METHOD", "PASSPORT_NUMBER", "COMPASS",
      "PRIMARY_KEY", "TOKEN_TTL", "SECRET_NAME", "PGDATA", "POSTGRES_USER", "MAX_CONNECTIONS", "BYPASS", "AUTHOR",
      "MONGO_INITDB_ROOT_USERNAME", "KEY", "PASSWORD_MIN_LENGTH", "AUTH_URL"})
  void plainNames(String name) {
    assertThat(SecretShapes.secretName(name)).as(name).isFalse();
  }

  @Test
  void aSecretNameWithALiteralIsASecretButReferencesPathsAndFlagsAreNot() {
    assertThat(SecretShapes.inVariable("DB_PASS", "hunter2")).contains(Shape.NAME);
    assertThat(SecretShapes.inVariable("MYSQL_PWD", "changeme")).contains(Shape.NAME);
    assertThat(SecretShapes.inVariable("DB_PASS", "$(DB_PASSWORD_FROM_SECRET)")).isEmpty();
    assertThat(SecretShapes.inVariable("DB_PASS", "${DB_PASSWORD}")).isEmpty();
    assertThat(SecretShapes.inVariable("POSTGRES_PASSWORD", "/run/secrets/postgres-password")).isEmpty();
    assertThat(SecretShapes.inVariable("MYSQL_ALLOW_EMPTY_PASSWORD", "yes")).isEmpty();
    assertThat(SecretShapes.inVariable("POSTGRES_PASSWORD", "")).isEmpty();
  }

  @Test
  void urlsWithAPasswordAreSecretsWhateverTheName() {
    assertThat(SecretShapes.inVariable("DATABASE_URL", "postgres://app:s3cr3t@orders-db:5432/orders")).contains(Shape.URL_PASSWORD);
    assertThat(SecretShapes.inVariable("REDIS_URL", "redis://:hunter2@cache:6379/0")).contains(Shape.URL_PASSWORD);
    assertThat(SecretShapes.inVariable("DATABASE_URL", "postgres://app:$(DB_PASSWORD)@orders-db:5432/orders")).isEmpty();
    assertThat(SecretShapes.inVariable("DATABASE_URL", "postgres://app@orders-db:5432/orders")).isEmpty();
    assertThat(SecretShapes.inVariable("UPSTREAM", "https://example.com:8443/path")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "AKIAIOSFODNN7EXAMPLE", // AWS access key id
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", // AWS secret access key
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", // JWT
      "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R", // GitHub token
      "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", // Slack bot token
      "q8Z1mX3vN7pR2tY6wB9cK4dF0gH5jL", // random base64-ish, 30 characters
      "dGhpcyBpcyBhIHNlY3JldCBrZXkgZm9yIHRlc3Rpbmc=", // base64 of a sentence
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", // 64 hex characters, no sha256: prefix
      "-----BEGIN RSA PRIVATE KEY-----"})
  void randomLookingAndWellKnownTokensAreSecrets(String value) {
    assertThat(SecretShapes.inVariable("SOMETHING", value)).as(value).isPresent();
    assertThat(SecretShapes.find("--flag=" + value)).as(value).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/var/lib/postgresql/data/pgdata", "max_connections=200", "postgres:16.4",
      "orders-db-0.orders-db-headless.data.svc.cluster.local", "--datadir=/var/lib/mysql/data",
      "shared_preload_libraries=pg_stat_statements", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384",
      "MaxConnectionsPerHostConfiguration", "quorumListenOnAllIPs=true", "clientPortAddressIsHTTPS", "registry.example.com/team/postgres@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      "123e4567-e89b-12d3-a456-426614174000", "--character-set-server=utf8mb4", "Etc/UTC", "-XX:+UseContainerSupport",
      "kafka-0.kafka-headless:9092,kafka-1.kafka-headless:9092,kafka-2.kafka-headless:9092", "correct horse battery staple",
      "--cluster-id=MkU3OEVBNTcwNTJENDM2Qk", "ZOO_4LW_COMMANDS_WHITELIST", "2FA_ENABLED_FOR_ALL_USERS", "io.fabric8.kubernetes.api.model.apps.StatefulSetSpec", "500m", "50Gi",
      "pg_dump --host \"$BACKUP_HOST\" --username postgres --format custom --file \"$DUMP_FILE\" postgres",
      "mysqldump --user=root --password=\"$MYSQL_ROOT_PASSWORD\" --all-databases",
      "PGPASSWORD=\"$POSTGRES_PASSWORD\" pg_dump -h \"$BACKUP_HOST\""})
  void pathsImageRefsSettingsAndReferencesAreNot(String value) {
    assertThat(SecretShapes.find(value)).as(value).isEmpty();
    assertThat(SecretShapes.inVariable("SETTING", value)).as(value).isEmpty();
  }

  @Test
  void secretSettingsInArgumentsCommandsAndScripts() {
    assertThat(SecretShapes.find("--password=hunter2")).extracting(SecretShapes.Match::shape).containsExactly(Shape.ASSIGNMENT);
    assertThat(SecretShapes.find("export PGPASSWORD=hunter2; pg_dump")).extracting(SecretShapes.Match::shape).containsExactly(Shape.ASSIGNMENT);
    assertThat(SecretShapes.find("mongodump --password hunter2 --archive")).extracting(SecretShapes.Match::shape).containsExactly(Shape.ASSIGNMENT);
    assertThat(SecretShapes.find("host=db user=app password=hunter2 sslmode=require")).hasSize(1);
    assertThat(SecretShapes.inArguments(List.of("--password", "hunter2", "--port", "5432")))
        .containsExactly(Optional.empty(), Optional.of(Shape.ASSIGNMENT), Optional.empty(), Optional.empty());
    assertThat(SecretShapes.inArguments(List.of("--password", "$(DB_PASSWORD)"))).containsOnly(Optional.empty());
  }

  /**
   * etcd's --initial-cluster-token names the cluster (a plain name such as etcd-cluster-1): a name that
   * is a secret's only for TOKEN takes such a value for no secret, since tokens are made by machines.
   * A token-shaped value of the same setting, and any literal of a password, still are.
   */
  @Test
  void aTokenSettingWithAPlainNameIsNoSecretButARealTokenIs() {
    assertThat(SecretShapes.find("--initial-cluster-token=etcd")).isEmpty();
    assertThat(SecretShapes.find("--initial-cluster-token=etcd-cluster-1")).isEmpty();
    assertThat(SecretShapes.inVariable("ETCD_INITIAL_CLUSTER_TOKEN", "etcd-cluster-1")).isEmpty();
    assertThat(SecretShapes.inArguments(List.of("--initial-cluster-token", "etcd"))).containsOnly(Optional.empty());
    assertThat(SecretShapes.mask("  - --initial-cluster-token=etcd")).isEqualTo("  - --initial-cluster-token=etcd");

    assertThat(SecretShapes.find("--token=abcdef.0123456789abcdef")).extracting(SecretShapes.Match::shape)
        .containsExactly(Shape.ASSIGNMENT); // kubeadm's bootstrap token format
    assertThat(SecretShapes.find("--initial-cluster-token=s3cr3tT0ken")).extracting(SecretShapes.Match::shape)
        .containsExactly(Shape.ASSIGNMENT);
    assertThat(SecretShapes.inVariable("GITHUB_TOKEN", "a1b2c3d4e5f6")).contains(Shape.NAME);
    assertThat(SecretShapes.inArguments(List.of("--token", "abcdef.0123456789abcdef")))
        .containsExactly(Optional.empty(), Optional.of(Shape.ASSIGNMENT));
    // Another secret word or part in the name: any literal is a secret, a plain word too.
    assertThat(SecretShapes.inVariable("AUTH_TOKEN", "changeme")).contains(Shape.NAME);
    assertThat(SecretShapes.inVariable("CLUSTER_SECRET_TOKEN", "etcd")).contains(Shape.NAME);
    assertThat(SecretShapes.find("--password=etcd")).extracting(SecretShapes.Match::shape).containsExactly(Shape.ASSIGNMENT);
  }

  @Test
  void maskReplacesOnlyTheSecret() {
    assertThat(SecretShapes.mask("postgres://app:s3cr3t@db:5432/orders")).isEqualTo("postgres://app:***@db:5432/orders");
    assertThat(SecretShapes.mask("  - --password=hunter2 --port=5432")).isEqualTo("  - --password=*** --port=5432");
    assertThat(SecretShapes.mask("key: AKIAIOSFODNN7EXAMPLE")).isEqualTo("key: ***");
    assertThat(SecretShapes.mask("replicas: 3")).isEqualTo("replicas: 3");
  }

  /** Long hostile texts take linear time: no pattern backtracks over 200,000 characters (a test fails by hanging, not by timing). */
  @Test
  void longTextsAreScannedWithoutBacktracking() {
    String letters = "a".repeat(200_000);
    assertThat(SecretShapes.find(letters + "1a!")).isEmpty();
    assertThat(SecretShapes.find(letters + "://x:y")).isEmpty();
    assertThat(SecretShapes.find("${" + letters)).isEmpty();
    assertThat(SecretShapes.find("a=b1234567890123456789012 ".repeat(8_000))).isEmpty();
    assertThat(SecretShapes.inVariable("X", "Ab1".repeat(60_000))).isEmpty();
  }

  /** No scalar of any golden tree, example or preset looks like a secret: the detector does not cry wolf on real output. */
  @Test
  void nothingInTheGoldenTreesLooksLikeASecret() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<String> flagged = new ArrayList<>();
    int scalars = 0;
    for (Path file : yamlFiles()) {
      try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
        while (documents.hasNext()) {
          List<String> values = new ArrayList<>();
          List<String> suspects = new ArrayList<>();
          collect(documents.next(), values, suspects);
          scalars += values.size();
          suspects.forEach(v -> flagged.add(file + ": " + v));
        }
      }
    }
    assertThat(scalars).isGreaterThan(5000);
    assertThat(flagged).isEmpty();
  }

  private static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(Path.of("src/test/resources/cases"))) {
      return walk.filter(p -> p.toString().endsWith(".yaml") && p.toString().contains("/expected/")).sorted().toList();
    }
  }

  /**
   * Every scalar into {@code out}, and those that look like a secret into {@code suspects}. An env
   * entry's value is judged with its variable's name, as the compiler judges it (a CLUSTER_ID's
   * random look is no secret); every other scalar on its own.
   */
  private static void collect(JsonNode node, List<String> out, List<String> suspects) {
    if (node == null) {
      return;
    }
    if (node.isValueNode()) {
      out.add(node.asText());
      if (!SecretShapes.find(node.asText()).isEmpty()) {
        suspects.add(node.asText());
      }
      return;
    }
    if (node.isObject() && node.path("name").isTextual() && node.path("value").isTextual() && node.size() == 2) {
      String name = node.path("name").asText();
      out.add(name);
      out.add(node.path("value").asText());
      if (!SecretShapes.find(name).isEmpty()) {
        suspects.add(name);
      }
      SecretShapes.inVariable(name, node.path("value").asText()).ifPresent(shape -> suspects.add(name + "=" + node.path("value").asText()));
      return;
    }
    node.forEach(child -> collect(child, out, suspects));
  }
}
