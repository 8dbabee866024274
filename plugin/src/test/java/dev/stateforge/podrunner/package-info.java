/**
 * The pod runner: the generated, kustomize-built StatefulSet of an app started on this machine as
 * its controller and the kubelet would start it, to prove that the pods Stateforge writes work.
 *
 * <p>{@link dev.stateforge.podrunner.PodRunner} takes the built objects ({@link
 * dev.stateforge.podrunner.AppObjects}) and the Secrets' values the test gives. Per pod it makes a
 * network namespace with its own address on a bridge ({@link dev.stateforge.podrunner.PodNetwork}),
 * a hosts file in which the pods' DNS names and the client Services' names resolve, and the pod's
 * volumes as directories ({@link dev.stateforge.podrunner.PodVolumes}); per container, an env
 * resolved as the kubelet resolves it ({@link dev.stateforge.podrunner.PodEnv}, {@link
 * dev.stateforge.podrunner.Expansion}), a private mount, UTS and pid namespace whose root holds the
 * host's system directories and, at their real paths, the volumes and ConfigMap files ({@link
 * dev.stateforge.podrunner.ContainerRoot}), and the container's user ({@link
 * dev.stateforge.podrunner.ContainerUser}). Init containers run in order, native sidecars keep
 * running (the next container starts once a sidecar's startupProbe passes), readiness probes decide when a pod is ready (OrderedReady starts the next one then).
 * A second app of the project can join a runner's network, its pods resolving the first app's names
 * (Kafka's brokers and their dedicated controllers).
 *
 * <p>An image is replaced by its <em>stand-in</em> ({@link dev.stateforge.podrunner.ImageStandIn},
 * {@link dev.stateforge.podrunner.StandIns}): what its Dockerfile declares (entrypoint, cmd, env,
 * user, working directory, directories) and what its entrypoint does, with the same engine from
 * Debian's packages bound at the image's program paths. Version gaps between Debian's engine and the
 * image's are said where the stand-in is defined.
 *
 * <p>Not modelled: resource limits (no cgroups), liveness restarts (tests run a liveness probe once),
 * readOnlyRootFilesystem, a shared IPC namespace, load balancing of a Service (its name resolves to
 * the first pod), HTTPS and gRPC probes. Needs root, the
 * tools of iproute2 and util-linux; everything is removed on close, and a JVM that dies takes its
 * containers with it (SIGKILL by parent death) and leaves namespaces that the next run sweeps.
 */
package dev.stateforge.podrunner;
