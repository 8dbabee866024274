package dev.stateforge.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticTest {
  @Test
  void formatsAsFileLineSeverityPathMessageCodeThenHint() {
    Diagnostic d = Diagnostic.error("quantity-format", Location.of("src/main/stateforge/orders-db.conf", 14),
            "storage.data.size", "\"50 Gi\" is not a quantity")
        .withHint("did you mean \"50Gi\"?");
    assertThat(d.format()).isEqualTo(
        "src/main/stateforge/orders-db.conf:14: error: storage.data.size: \"50 Gi\" is not a quantity [quantity-format]\n"
            + "    hint: did you mean \"50Gi\"?");
  }

  @Test
  void omitsWhatIsUnknown() {
    assertThat(Diagnostic.warning("no-specs", Location.NONE, "", "nothing to compile").format())
        .isEqualTo("warning: nothing to compile [no-specs]");
    assertThat(Diagnostic.note("x", Location.of("a.conf", 0), "", "m").format()).isEqualTo("a.conf: note: m [x]");
  }

  @Test
  void sortsByFileThenLineThenSeverity() {
    Diagnostic b1 = Diagnostic.error("c", Location.of("b.conf", 1), "", "m");
    Diagnostic a9 = Diagnostic.warning("c", Location.of("a.conf", 9), "", "m");
    Diagnostic a2warn = Diagnostic.warning("c", Location.of("a.conf", 2), "", "m");
    Diagnostic a2err = Diagnostic.error("c", Location.of("a.conf", 2), "", "m");
    Diagnostics all = new Diagnostics();
    all.addAll(List.of(b1, a9, a2warn, a2err, a2err));
    assertThat(all.sorted()).containsExactly(a2err, a2warn, a9, b1);
  }
}
