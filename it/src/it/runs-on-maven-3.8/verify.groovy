// The plugin declares Maven 3.8.7 as its minimum (plugin/pom.xml <prerequisites>): this scenario runs
// it on that Maven, as installed by Debian, and fails if another Maven ran it.
def log = new File(basedir, 'build.log').text
def versions = (log =~ /Apache Maven (\d+\.\d+\.\d+)/).collect { it[1] }
assert versions.size() == 2 : "both invocations print their Maven version (-V): ${versions}"
assert versions.every { it.startsWith('3.8.') } : "ran on Maven ${versions}, not the system Maven 3.8"
assert !log.contains('requires Maven version')
assert new File(basedir, 'target/stateforge/orders-db/base/statefulset.yaml').text.contains('kind: StatefulSet')
assert log.contains('Manifests in target/stateforge match the specs')
assert !log.contains('BUILD FAILURE')
