package dev.stateforge.verify;

import dev.stateforge.diag.Codes;
import dev.stateforge.diag.Severity;
import dev.stateforge.generate.OutputObject;
import dev.stateforge.spec.SpecKeys;
import dev.stateforge.verify.PodTemplates.ContainerAt;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Pod Security Standards "restricted" profile, checked on every container of every pod
 * template (init containers, backup and restore jobs included).
 */
final class PodSecurityRules {
  private PodSecurityRules() {}

  static List<PolicyRule> all() {
    return List.of(new RunAsNonRoot(), new NoPrivilegeEscalation(), new DropAllCapabilities(), new Seccomp(), new NotPrivileged());
  }

  private static final String HINT = "Stateforge writes a restricted pod by default; set security.runAsUser to a non-root uid";
  private static final String ROOT_HINT = "set security.runAsUser to a non-root uid and drop security.runAsRoot; if the image must "
      + "start as root, keep it and say why with acknowledge { pss-run-as-non-root = \"why\" }";

  /** restricted: runAsNonRoot true on the pod or on every container, and no runAsUser 0. */
  static final class RunAsNonRoot extends AbstractRule {
    RunAsNonRoot() {
      super(Codes.PSS_RUN_AS_NON_ROOT, Severity.ERROR, "containers must run as a non-root user");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      List<Finding> out = new ArrayList<>();
      PodTemplates.pod(object.object()).ifPresent(pod -> {
        PodSecurityContext podContext = pod.spec().getSecurityContext();
        boolean podNonRoot = podContext != null && Boolean.TRUE.equals(podContext.getRunAsNonRoot());
        if (podContext != null && Long.valueOf(0).equals(podContext.getRunAsUser())) {
          out.add(finding(object, pod.pointer() + "/securityContext/runAsUser", SpecKeys.SECURITY_RUN_AS_USER,
              object.displayName() + " runs its pod as uid 0", HINT));
        }
        for (ContainerAt c : PodTemplates.containers(pod)) {
          SecurityContext context = c.container().getSecurityContext();
          Boolean nonRoot = context == null ? null : context.getRunAsNonRoot();
          // Stateforge writes runAsNonRoot: false and runAsUser: 0 on a container only for security.runAsRoot.
          boolean exception = Boolean.FALSE.equals(nonRoot);
          if (exception || (nonRoot == null && !podNonRoot)) {
            out.add(finding(object, c.pointer() + "/securityContext/runAsNonRoot",
                exception ? SpecKeys.SECURITY_RUN_AS_ROOT : SpecKeys.SECURITY,
                object.displayName() + " container " + c.container().getName() + " may run as root (runAsNonRoot is not true)",
                exception ? ROOT_HINT : HINT));
          }
          if (context != null && Long.valueOf(0).equals(context.getRunAsUser())) {
            out.add(finding(object, c.pointer() + "/securityContext/runAsUser",
                exception ? SpecKeys.SECURITY_RUN_AS_ROOT : SpecKeys.SECURITY_RUN_AS_USER,
                object.displayName() + " container " + c.container().getName() + " runs as uid 0", exception ? ROOT_HINT : HINT));
          }
        }
      });
      return out;
    }
  }

  /** restricted: allowPrivilegeEscalation false on every container. */
  static final class NoPrivilegeEscalation extends AbstractRule {
    NoPrivilegeEscalation() {
      super(Codes.PSS_PRIVILEGE_ESCALATION, Severity.ERROR, "containers must set allowPrivilegeEscalation: false");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      return PodTemplates.eachContainer(object, (pod, c, out) -> {
        SecurityContext context = c.container().getSecurityContext();
        if (context == null || !Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
          out.add(finding(object, c.pointer() + "/securityContext/allowPrivilegeEscalation", SpecKeys.SECURITY,
              object.displayName() + " container " + c.container().getName() + " does not forbid privilege escalation",
              "set securityContext.allowPrivilegeEscalation: false"));
        }
      });
    }
  }

  /** restricted: capabilities drop ALL, and add nothing but NET_BIND_SERVICE. */
  static final class DropAllCapabilities extends AbstractRule {
    DropAllCapabilities() {
      super(Codes.PSS_CAPABILITIES, Severity.ERROR, "containers must drop ALL capabilities and add none but NET_BIND_SERVICE");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      return PodTemplates.eachContainer(object, (pod, c, out) -> {
        SecurityContext context = c.container().getSecurityContext();
        Capabilities caps = context == null ? null : context.getCapabilities();
        boolean dropsAll = caps != null && caps.getDrop() != null && caps.getDrop().contains("ALL");
        List<String> added = caps == null || caps.getAdd() == null ? List.of()
            : caps.getAdd().stream().filter(a -> !a.equals("NET_BIND_SERVICE")).toList();
        if (!dropsAll) {
          out.add(finding(object, c.pointer() + "/securityContext/capabilities", SpecKeys.SECURITY,
              object.displayName() + " container " + c.container().getName() + " does not drop ALL capabilities",
              "set securityContext.capabilities.drop: [ALL]"));
        } else if (!added.isEmpty()) {
          // Stateforge adds capabilities only from security.addCapabilities.
          out.add(finding(object, c.pointer() + "/securityContext/capabilities/add", SpecKeys.SECURITY_ADD_CAPABILITIES,
              object.displayName() + " container " + c.container().getName() + " adds capabilities " + added,
              "remove them from security.addCapabilities; if the engine needs them, say why with "
                  + "acknowledge { pss-capabilities = \"why\" }"));
        }
      });
    }
  }

  /** restricted: seccomp RuntimeDefault or Localhost, on the pod or on every container. */
  static final class Seccomp extends AbstractRule {
    private static final Set<String> ALLOWED = Set.of("RuntimeDefault", "Localhost");

    Seccomp() {
      super(Codes.PSS_SECCOMP, Severity.ERROR, "pods must use the RuntimeDefault (or a Localhost) seccomp profile");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      List<Finding> out = new ArrayList<>();
      PodTemplates.pod(object.object()).ifPresent(pod -> {
        PodSecurityContext podContext = pod.spec().getSecurityContext();
        boolean podOk = podContext != null && allowed(podContext.getSeccompProfile());
        for (ContainerAt c : PodTemplates.containers(pod)) {
          SecurityContext context = c.container().getSecurityContext();
          SeccompProfile own = context == null ? null : context.getSeccompProfile();
          if (own != null ? !allowed(own) : !podOk) {
            out.add(finding(object, pod.pointer() + "/securityContext/seccompProfile", SpecKeys.SECURITY,
                object.displayName() + " container " + c.container().getName() + " runs without the RuntimeDefault seccomp profile",
                "set securityContext.seccompProfile.type: RuntimeDefault on the pod"));
          }
        }
      });
      return out;
    }

    private static boolean allowed(SeccompProfile profile) {
      return profile != null && ALLOWED.contains(profile.getType());
    }
  }

  /** baseline and restricted: no privileged container. */
  static final class NotPrivileged extends AbstractRule {
    NotPrivileged() {
      super(Codes.PSS_PRIVILEGED, Severity.ERROR, "containers must not be privileged");
    }

    @Override
    public List<Finding> check(OutputObject object, ObjectSet all) {
      return PodTemplates.eachContainer(object, (pod, c, out) -> {
        SecurityContext context = c.container().getSecurityContext();
        if (context != null && Boolean.TRUE.equals(context.getPrivileged())) {
          out.add(finding(object, c.pointer() + "/securityContext/privileged", SpecKeys.SECURITY,
              object.displayName() + " container " + c.container().getName() + " is privileged",
              "remove privileged: true; a privileged container owns the node"));
        }
      });
    }
  }
}
