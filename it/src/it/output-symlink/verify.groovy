// Build 1 wrote through the link deploy -> gitops/deploy; build 2 shrank the volume and was refused.
import java.nio.file.Files

def link = new File(basedir, 'deploy').toPath()
def target = new File(basedir, 'gitops/deploy')
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?=\S+ \[INFO\] Scanning for projects\.\.\.$)/).findAll { it.contains("Scanning for projects") } // not the pre-build script's lines
assert runs.size() == 2
assert runs[0].contains('Wrote manifests to deploy: 11 file(s) changed, 0 removed')

// The link is still a link, and the files are in its target.
assert Files.isSymbolicLink(link)
assert Files.readSymbolicLink(link).toString() == 'gitops/deploy'
assert new File(target, '.stateforge/manifest').exists()
def sts = new File(target, 'orders-db/base/statefulset.yaml').text
assert sts.contains('storage: 50Gi')

// The guard compared with the output behind the link, and stopped the shrink.
assert runs[1].contains('[volume-shrink]')
assert runs[1].contains('BUILD FAILURE')
assert runs[1].contains('nothing was written')
assert !(runs[1] =~ /(?m)^\s+at [\w.$]+ ?\(/): 'build.log holds a stack trace'
// build 1's state (the failed build 2 kept it: it still describes the output)
assert new File(basedir, 'target').list().toList().sort() == ['stateforge-build-default.state', 'stateforge-report.sarif']
