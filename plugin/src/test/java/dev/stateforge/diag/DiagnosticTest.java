package dev.stateforge.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticTest {
  @Test
  void formatsAsFileLineSeverityPathMessageCodeThenHint() {
    Diagnostic d = Diagnostic.error(Codes.QUANTITY_FORMAT, Location.of("src/main/stateforge/orders-db.conf", 14),
            SpecPath.of("storage", "data", "size"), "\"50 Gi\" is not a quantity")
        .withHint("did you mean \"50Gi\"?");
    assertThat(d.format()).isEqualTo(
        "src/main/stateforge/orders-db.conf:14: error: storage.data.size: \"50 Gi\" is not a quantity [quantity-format]\n"
            + "    hint: did you mean \"50Gi\"?");
  }

  @Test
  void omitsWhatIsUnknown() {
    assertThat(Diagnostic.warning(Codes.NO_SPECS, Location.NONE, DiagnosticPath.NONE, "nothing to compile").format())
        .isEqualTo("warning: nothing to compile [no-specs]");
    assertThat(Diagnostic.note(Codes.NO_SPECS, Location.of("a.conf", 0), DiagnosticPath.NONE, "m").format()).isEqualTo("a.conf: note: m [no-specs]");
  }

  @Test
  void printsTheSubjectBeforeTheMessageAndAnAcknowledgementAsANote() {
    Diagnostic d = Diagnostic.warning(Codes.SINGLE_REPLICA, Location.of("a.conf", 3), SpecPath.of("replicas"), "one replica")
        .withSubject(new Subject("shop", "dev", "StatefulSet shop"))
        .withHint("run more");
    assertThat(d.format()).isEqualTo("a.conf:3: warning: replicas: shop in dev: one replica [single-replica]\n    hint: run more");
    assertThat(d.acknowledged("a test system").format())
        .isEqualTo("a.conf:3: note: replicas: shop in dev: one replica; acknowledged: a test system [single-replica]");
    assertThat(d.withSubject(Subject.app("shop")).text()).isEqualTo("shop: one replica");
  }

  @Test
  void aLinePrintedTwiceIsPrintedOnce() {
    Diagnostic statefulSet = Diagnostic.error(Codes.ENV_REFERENCE, Location.of("a.conf", 3), SpecPath.of("env"), "m")
        .withSubject(new Subject("shop", "", "StatefulSet shop"));
    Diagnostics all = new Diagnostics();
    all.addAll(List.of(statefulSet, statefulSet.withSubject(new Subject("shop", "", "CronJob shop-backup"))));
    assertThat(all.sorted()).containsExactly(statefulSet);
  }

  @Test
  void sortsByFileThenLineThenSeverity() {
    Diagnostic b1 = Diagnostic.error(Codes.NO_SPECS, Location.of("b.conf", 1), DiagnosticPath.NONE, "m");
    Diagnostic a9 = Diagnostic.warning(Codes.NO_SPECS, Location.of("a.conf", 9), DiagnosticPath.NONE, "m");
    Diagnostic a2warn = Diagnostic.warning(Codes.NO_SPECS, Location.of("a.conf", 2), DiagnosticPath.NONE, "m");
    Diagnostic a2err = Diagnostic.error(Codes.NO_SPECS, Location.of("a.conf", 2), DiagnosticPath.NONE, "m");
    Diagnostics all = new Diagnostics();
    all.addAll(List.of(b1, a9, a2warn, a2err, a2err));
    assertThat(all.sorted()).containsExactly(a2err, a2warn, a9, b1);
  }
}
