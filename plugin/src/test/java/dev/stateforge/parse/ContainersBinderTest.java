package dev.stateforge.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.ContainerSpec;
import dev.stateforge.spec.EnvVarSpec;
import dev.stateforge.spec.PortSpec;
import dev.stateforge.spec.ProbeSpec;
import dev.stateforge.spec.ProbesSpec;
import dev.stateforge.spec.Quantity;
import dev.stateforge.spec.ResourcesSpec;
import dev.stateforge.check.InputSchemaCheck;
import dev.stateforge.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Init containers, sidecars and the security exceptions (#13), bound with the schema's defaults inside list items. */
class ContainersBinderTest {
  @TempDir Path project;

  AppSpec bind(String text) throws IOException {
    Path spec = project.resolve("specs/db.conf");
    Files.createDirectories(spec.getParent());
    Files.writeString(spec, text);
    Diagnostics out = new Diagnostics();
    LoadedSpec loaded = new SpecLoader(project, Map.of(), getClass().getClassLoader()).load(spec, out).orElseThrow();
    assertThat(InputSchemaCheck.check(loaded.tree(), loaded.sourceMap(), out)).as("%s", out.sorted()).isTrue();
    return SpecBinder.bind(loaded);
  }

  @Test
  void aMinimalSpecHasNoExtraContainersAndNoExceptions() throws IOException {
    AppSpec app = bind(SpecBinderTest.MINIMAL);

    assertThat(app.initContainers()).isEmpty();
    assertThat(app.sidecars()).isEmpty();
    assertThat(app.extraContainers()).isEmpty();
    assertThat(app.security().addCapabilities()).isEmpty();
    assertThat(app.security().runAsRoot()).isFalse();
  }

  @Test
  void initContainersAndSidecarsLandInOrderWithTheirDefaults() throws IOException {
    AppSpec app = bind(SpecBinderTest.MINIMAL + """
        initContainers = [
          { name = zz-first, image = "busybox:1.36.1", command = [sh, "-c", "true"], resources { cpu = 10m, memory = 16Mi },
            mounts { data.path = /data } }
          { name = aa-second, image = "busybox:1.36.1", args = [x], resources { cpu = 10m, memory = 16Mi } }
        ]
        sidecars = [
          {
            name = exporter
            image = "prom/exporter:1.0"
            env { B { value = "$(A)" }, A { field = metadata.name } }
            ports { metrics { port = 9121 } }
            resources { cpu = 50m, memory = 64Mi, limits { cpu = 1, memory = 128Mi } }
            mounts { data { path = /data, readOnly = true } }
            probes { readiness { http { path = /health, port = metrics } } }
          }
        ]
        security { addCapabilities = [IPC_LOCK], runAsRoot = true }
        """);

    assertThat(app.initContainers()).extracting(ContainerSpec::name).as("the spec's order, not name order")
        .containsExactly("zz-first", "aa-second");
    ContainerSpec first = app.initContainers().get(0);
    assertThat(first.sidecar()).isFalse();
    assertThat(first.command()).containsExactly("sh", "-c", "true");
    assertThat(first.mounts()).as("readOnly defaults to false inside a list item")
        .containsExactly(new ContainerSpec.Mount("data", "/data", false, null));
    assertThat(first.resources()).as("the memory limit defaults to the request, as for the main container")
        .isEqualTo(new ResourcesSpec(new Quantity("10m"), new Quantity("16Mi"), null, new Quantity("16Mi")));
    assertThat(first.ports()).isEmpty();
    assertThat(first.probes()).isEqualTo(ProbesSpec.NONE);
    assertThat(app.initContainers().get(1).args()).containsExactly("x");

    ContainerSpec exporter = app.sidecars().get(0);
    assertThat(exporter.sidecar()).isTrue();
    assertThat(exporter.specList()).isEqualTo("sidecars");
    assertThat(exporter.env()).extracting(EnvVarSpec::name).as("an entry comes after the entry it refers to")
        .containsExactly("A", "B");
    assertThat(exporter.env().get(0).source()).isEqualTo(new EnvVarSpec.PodField("metadata.name"));
    assertThat(exporter.ports()).containsExactly(new PortSpec("metrics", 9121, "TCP", PortSpec.Role.CLIENT));
    assertThat(exporter.resources())
        .isEqualTo(new ResourcesSpec(new Quantity("50m"), new Quantity("64Mi"), new Quantity("1"), new Quantity("128Mi")));
    assertThat(exporter.mounts()).containsExactly(new ContainerSpec.Mount("data", "/data", true, null));
    ProbeSpec readiness = exporter.probes().readiness();
    assertThat(readiness.action()).isEqualTo(new ProbeSpec.Http("/health", ProbeSpec.PortRef.named("metrics"), "HTTP"));
    assertThat(readiness.periodSeconds()).as("probe timings default inside a list item").isEqualTo(10);

    assertThat(app.extraContainers()).extracting(ContainerSpec::name).as("init containers first, then sidecars")
        .containsExactly("zz-first", "aa-second", "exporter");
    assertThat(app.security().addCapabilities()).containsExactly("IPC_LOCK");
    assertThat(app.security().runAsRoot()).isTrue();
  }
}
