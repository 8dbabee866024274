// The postgres preset with both backup targets: orders-db dumps to a volume (with a restore test and
// monitoring), events-db takes CSI snapshots. The default overlays include backup (and monitoring)
// but never restore, and kustomize builds it all.
def out = new File(basedir, 'target/stateforge')
def log = new File(basedir, 'build.log').text
assert log.contains('Wrote manifests to target/stateforge')
assert !log.contains('[ERROR]')

def app = new File(out, 'orders-db')
['components/backup/cronjob-backup.yaml', 'components/backup/cronjob-backup-test.yaml', 'components/backup/pvc-backup.yaml',
 'components/restore/job-restore.yaml', 'components/monitoring/prometheusrule.yaml', 'overlays/default/kustomization.yaml'].each {
  assert new File(app, it).isFile(): "missing orders-db/$it"
}
def cron = new File(app, 'components/backup/cronjob-backup.yaml').text
assert cron.contains('pg_dump')
assert cron.contains('concurrencyPolicy: Forbid')
assert new File(app, 'components/restore/job-restore.yaml').text.contains('pg_restore')
def overlay = new File(app, 'overlays/default/kustomization.yaml').text
assert overlay.contains('- ../../components/backup') && overlay.contains('- ../../components/monitoring')
assert !overlay.contains('restore')
assert new File(out, 'kustomization.yaml').text.contains('- orders-db/overlays/default')

def events = new File(out, 'events-db')
['components/backup/cronjob-backup.yaml', 'components/backup/role-backup.yaml', 'components/backup/rolebinding-backup.yaml',
 'components/backup/serviceaccount-backup.yaml', 'components/restore/job-restore.yaml'].each {
  assert new File(events, it).isFile(): "missing events-db/$it"
}
assert new File(events, 'components/backup/cronjob-backup.yaml').text.contains('kind: VolumeSnapshot')
assert new File(out, 'cluster/volumesnapshotclass-ebs-snapshots.yaml').isFile()

def kubectl
try {
  kubectl = ['kubectl', 'kustomize', out.path].execute()
} catch (IOException e) {
  throw new AssertionError('kubectl (with kustomize v5) must be on PATH for this IT: ' + e.message)
}
def stdout = new StringBuilder(), stderr = new StringBuilder()
kubectl.waitForProcessOutput(stdout, stderr)
assert kubectl.exitValue() == 0: stderr.toString()
def kinds = (stdout =~ /(?m)^kind: (\w+)$/).collect { it[1] }
assert kinds.count('CronJob') == 3
assert kinds.contains('VolumeSnapshotClass') && kinds.contains('Role') && kinds.contains('RoleBinding')
assert kinds.contains('PrometheusRule')
assert !kinds.contains('Job'): 'the restore Job must not be part of the default build'
