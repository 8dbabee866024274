// The output was generated from src/v1 (memory 1Gi); check runs against src/v2 (memory 2Gi). It fails
// with a short unified diff per stale file (every file's Source header names the other folder, and
// the StatefulSet's memory request and limit differ; so the marker's hashes do too) and the command
// that fixes it, and changes nothing on disk.
def log = new File(basedir, 'build.log').text
assert log.contains('target/stateforge/orders-db/base/statefulset.yaml: differs from what the specs produce')
assert log.contains('-            memory: 1Gi')
assert log.contains('+            memory: 2Gi')
assert log.contains('target/stateforge/.stateforge/manifest: differs from what the specs produce')
assert log.contains("8 file(s) in target/stateforge are stale. Regenerate them with 'mvn package' (or 'mvn stateforge:generate') and commit the result.")
def sts = new File(basedir, 'target/stateforge/orders-db/base/statefulset.yaml').text
assert sts.contains('memory: 1Gi') && !sts.contains('memory: 2Gi')
assert !(log =~ /(?m)^\s+at [\w.$]+ ?\(/): 'build.log holds a stack trace'
// A stale file is not a finding, but the report of the run is written all the same.
assert new File(basedir, 'target/stateforge-check.sarif').isFile()
