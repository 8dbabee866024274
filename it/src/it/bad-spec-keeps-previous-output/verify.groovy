// Build 1 wrote target/stateforge from the good spec, build 2 failed on a broken edit of the same
// app, build 3 rendered the good spec into target/reference. The failed build must have left
// target/stateforge exactly as build 1 wrote it.
import java.nio.file.Files
import java.text.SimpleDateFormat

def out = new File(basedir, 'target/stateforge')
def reference = new File(basedir, 'target/reference')

// invoker appends every invocation to one build.log; each starts with "Scanning for projects".
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?=\S+ \[INFO\] Scanning for projects\.\.\.$)/)
assert runs.length == 3
assert runs[0].contains('Wrote manifests to target/stateforge: 11 file(s) changed, 0 removed')
assert runs[1].contains('[ERROR] src/broken/stateforge/orders-db.conf:8: error: storage.data.class: ')
assert runs[1].contains('[storage-class-undeclared]')
assert runs[1].contains('Stateforge found 1 problem; nothing was written.')
assert runs[1].contains('BUILD FAILURE')
assert runs[2].contains('Wrote manifests to target/reference: 11 file(s) changed, 0 removed')

def tree = { File root ->
    def files = [:] as TreeMap
    root.eachFileRecurse(groovy.io.FileType.FILES) { files[root.toPath().relativize(it.toPath()).toString()] = it }
    files.remove('.stateforge/lock') // each build's lock; it holds the process id of the last build
    files
    files
}
def kept = tree(out)
def fresh = tree(reference)
assert kept.size() == 11 // 9 manifests, the marker and its .gitignore
assert kept.keySet() == fresh.keySet()
kept.each { path, file -> assert file.bytes == fresh[path].bytes: "$path differs from what the good spec renders" }
assert new File(out, 'orders-db/base/statefulset.yaml').text.contains('replicas: 1')

// Same bytes could still mean rewritten; the mtimes show nothing was touched once build 2 began.
// it/pom.xml's mavenOpts prefix every log line with this timestamp.
def stamp = new SimpleDateFormat('yyyyMMddHHmmssSSSZ')
def build2Start = stamp.parse(runs[1].substring(0, runs[1].indexOf(' '))).time
kept.each { path, file ->
    assert Files.getLastModifiedTime(file.toPath()).toMillis() < build2Start: "$path was written by the failed build"
}

// No staging or retired copies of the tree were left next to it.
assert new File(basedir, 'target').list().toList().sort() == ['reference', 'stateforge', 'stateforge-build-default.state',
        'stateforge-build-default.state.report', 'stateforge-report.sarif']
