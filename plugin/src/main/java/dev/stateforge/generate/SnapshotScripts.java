package dev.stateforge.generate;

/**
 * The shell of snapshot backups and their restore, run with kubectl under the app's own
 * ServiceAccount. Snapshots are named {@code <claim>-<UTC yyyymmdd-hhmmss>} and labelled with their
 * claim ({@code stateforge.dev/claim}), so "newest" is a reverse sort and the restore can pick one point in time for every
 * replica. No pipes: every kubectl call's failure fails the Job.
 */
final class SnapshotScripts {
  private SnapshotScripts() {}

  static String backup() {
    return """
        set -eu
        cd "$SCRATCH_DIR"
        stamp="$(date -u +%Y%m%d-%H%M%S)"
        kubectl get pvc -l "app.kubernetes.io/instance=$APP,app.kubernetes.io/name=$APP" -o name > claims
        sed 's|^persistentvolumeclaim/||' claims > names
        if ! grep -E "^$VOLUME-$APP-[0-9]+$" names > mine; then echo "no claim $VOLUME-$APP-<n> to snapshot" >&2; exit 1; fi
        while read -r claim; do
          name="$claim-$stamp"
          cat > snapshot.yaml <<EOF
        apiVersion: snapshot.storage.k8s.io/v1
        kind: VolumeSnapshot
        metadata:
          name: $name
          labels:
            app.kubernetes.io/instance: $APP
            app.kubernetes.io/managed-by: stateforge
            stateforge.dev/claim: $claim
        spec:
          volumeSnapshotClassName: $SNAPSHOT_CLASS
          source:
            persistentVolumeClaimName: $claim
        EOF
          kubectl apply -f snapshot.yaml
          kubectl wait --for=jsonpath='{.status.readyToUse}'=true "volumesnapshot/$name" --timeout="${READY_TIMEOUT_SECONDS}s"
          kubectl get volumesnapshot -l "stateforge.dev/claim=$claim" -o name > taken
          sed 's|^volumesnapshot[^/]*/||' taken | sort -r > newest-first
          tail -n +$((KEEP + 1)) newest-first > expired
          while read -r old; do kubectl delete volumesnapshot "$old"; done < expired
          echo "snapshot $name is ready; keeping the newest $KEEP of $claim"
        done < mine
        """;
  }

  static String restore() {
    return """
        set -eu
        cd "$SCRATCH_DIR"
        kubectl get statefulset "$APP" -o jsonpath='{.spec.replicas}' > replicas
        if [ "$(cat replicas)" != "0" ]; then
          echo "scale $APP to 0 first: kubectl scale statefulset $APP --replicas=0" >&2
          exit 1
        fi
        kubectl get volumesnapshot -l "app.kubernetes.io/instance=$APP" -o name > taken
        sed 's|^volumesnapshot[^/]*/||' taken > names
        stamp="${RESTORE_STAMP:-}"
        if [ -z "$stamp" ]; then
          grep -E -o '[0-9]{8}-[0-9]{6}$' names | sort -r > stamps || true
          stamp="$(head -n 1 stamps)"
        fi
        if [ -z "$stamp" ]; then echo "no snapshot of $APP" >&2; exit 1; fi
        if ! grep -E "^$VOLUME-$APP-[0-9]+-$stamp$" names > chosen; then echo "no snapshot of $APP taken at $stamp" >&2; exit 1; fi
        while read -r snapshot; do
          claim="${snapshot%-$stamp}"
          kubectl delete pvc "$claim" --ignore-not-found --wait=true
          cat > claim.yaml <<EOF
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: $claim
          labels:
            app.kubernetes.io/instance: $APP
            app.kubernetes.io/name: $APP
        spec:
          accessModes: [$ACCESS_MODES]
          storageClassName: $STORAGE_CLASS
          resources:
            requests:
              storage: $SIZE
          dataSource:
            apiGroup: snapshot.storage.k8s.io
            kind: VolumeSnapshot
            name: $snapshot
        EOF
          kubectl apply -f claim.yaml
          echo "restored $claim from $snapshot"
        done < chosen
        echo "restored $APP to $stamp; scale it back up: kubectl scale statefulset $APP --replicas=<n>"
        """;
  }
}
