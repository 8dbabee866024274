package dev.stateforge.check;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Reporter;
import dev.stateforge.diag.SpecPath;
import dev.stateforge.diag.Suggestions;
import dev.stateforge.spec.AppSpec;
import dev.stateforge.spec.StorageClassSpec;
import dev.stateforge.spec.VolumeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Every class a volume (or the backup volume) names must be declared under storageClasses, or marked existing there, so a
 * typo cannot leave a claim Pending forever in the cluster.
 */
public final class StorageClassDeclaredRule implements SpecRule {
  @Override
  public void check(AppSpec app, Reporter report) {
    List<String> declared = app.storageClasses().stream().map(StorageClassSpec::name).toList();
    List<SpecPath> uses = new ArrayList<>();
    List<String> wants = new ArrayList<>();
    for (VolumeSpec volume : app.storage().volumes()) {
      uses.add(SpecPath.of("storage", volume.name(), "class"));
      wants.add(volume.storageClass());
    }
    app.backups().flatMap(b -> b.volume()).ifPresent(v -> {
      uses.add(SpecPath.of("backup", "target", "volume", "class"));
      wants.add(v.storageClass());
    });
    for (int i = 0; i < uses.size(); i++) {
      String wanted = wants.get(i);
      if (wanted == null || declared.contains(wanted)) {
        continue;
      }
      SpecPath path = uses.get(i);
      String guess = Suggestions.closest(wanted, declared);
      report.error(Codes.STORAGE_CLASS_UNDECLARED, path,
              "storage class \"" + wanted + "\" is neither declared nor marked existing")
          .hint((guess != null ? "did you mean \"" + guess + "\"? Otherwise declare" : "declare")
              + " storageClasses." + wanted + " { provisioner = … }, or storageClasses." + wanted
              + " { existing = true } if the cluster already has it");
    }
  }
}
