// The output was generated from src/v1 (replicas 3); check runs against src/v2 (replicas 5). It fails
// with a short unified diff per stale file (every file's Source header names the other folder, and
// the StatefulSet's replicas differ; so the marker's hashes do too) and the command that fixes it,
// and changes nothing on disk.
def log = new File(basedir, 'build.log').text
assert log.contains('target/stateforge/orders-db/base/statefulset.yaml: differs from what the specs produce')
assert log.contains('-  replicas: 3')
assert log.contains('+  replicas: 5')
assert log.contains('target/stateforge/.stateforge/manifest: differs from what the specs produce')
assert log.contains("7 file(s) in target/stateforge are stale. Regenerate them with 'mvn package' (or 'mvn stateforge:generate') and commit the result.")
assert new File(basedir, 'target/stateforge/orders-db/base/statefulset.yaml').text.contains('replicas: 3')
assert !(log =~ /(?m)^\s+at [\w.$]+ ?\(/): 'build.log holds a stack trace'
