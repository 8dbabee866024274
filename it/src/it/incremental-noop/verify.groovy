// Two builds with unchanged specs: the second must report "up to date" and leave every file,
// and the directory itself, untouched.
import java.nio.file.Files
import java.text.SimpleDateFormat

// invoker appends both invocations to one build.log; each starts with "Scanning for projects".
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?=\S+ \[INFO\] Scanning for projects\.\.\.$)/)
assert runs.length == 2
assert runs[0].contains('Wrote manifests to target/stateforge: 11 file(s) changed, 0 removed')
assert runs[1].contains('[INFO] Manifests are up to date in target/stateforge')
assert runs[0].contains('Wrote manifests to target/staging: 11 file(s) changed, 0 removed')
assert runs[1].contains('[INFO] Manifests are up to date in target/staging')
assert !runs[1].contains('Wrote manifests')
assert runs[1].contains('BUILD SUCCESS')

// it/pom.xml's mavenOpts prefix every log line with this timestamp.
def stamp = new SimpleDateFormat('yyyyMMddHHmmssSSSZ')
def build2Start = stamp.parse(runs[1].substring(0, runs[1].indexOf(' '))).time
['target/stateforge', 'target/staging'].each { folder ->
    def out = new File(basedir, folder)
    def count = 0
    // Directories are included: swapping in a new tree would give them fresh mtimes too. The lock file too:
    // a build takes it without writing it.
    out.eachFileRecurse { file ->
        count++
        def mtime = Files.getLastModifiedTime(file.toPath()).toMillis()
        assert mtime < build2Start: "$file was modified by the second build"
    }
    // the 9 manifests, the marker and its .gitignore, the lock, plus cluster/, the app's folder, its base/ and .stateforge/
    assert count == 9 + 2 + 1 + 4
    assert Files.getLastModifiedTime(out.toPath()).toMillis() < build2Start
}
def kept = ['stateforge-build-default.state', 'stateforge-build-default.state.report', 'stateforge-build-staging.state',
        'stateforge-build-staging.state.report', 'stateforge-report-staging.sarif', 'stateforge-report.sarif']
assert new File(basedir, 'target').list().toList().sort() == (['staging', 'stateforge'] + kept).sort()
// Each execution found its own state current and stopped: neither rewrote its state, its SARIF report or the
// report's stamp (the state's findings are the report's: it is not even rendered again).
kept.each { name ->
    assert Files.getLastModifiedTime(new File(basedir, "target/$name").toPath()).toMillis() < build2Start: "$name was rewritten"
}
return true
