// deploy/ was a Git repository with a README before the builds: Stateforge wrote beside them,
// removed only its own files when an app was retired, and the repository is intact.
def deploy = new File(basedir, 'deploy')
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?=\S+ \[INFO\] Scanning for projects\.\.\.$)/).findAll { it.contains("Scanning for projects") } // not the pre-build script's lines
assert runs.size() == 2
assert runs[0].contains('Wrote manifests to deploy: ')
assert runs[0].contains('BUILD SUCCESS')
assert runs[1] =~ /Wrote manifests to deploy: \d+ file\(s\) changed, 6 removed/
assert runs[1].contains('BUILD SUCCESS')

def git = { String... args ->
    def process = (['git', '-C', deploy.absolutePath] + args.toList()).execute()
    def out = new StringBuilder(), err = new StringBuilder()
    process.waitForProcessOutput(out, err)
    assert process.exitValue() == 0: "git ${args.join(' ')} failed: $err"
    out.toString()
}
// The repository, its history and the README are untouched.
assert git('rev-parse', 'HEAD') == new File(basedir, 'git-head.txt').text
git('fsck', '--no-progress')
assert new File(deploy, 'README.md').text == 'Rendered manifests; Argo CD watches this repository.\n'
assert git('status', '--porcelain', '--', 'README.md') == ''

// Git sees Stateforge's files, its marker among them, and ignores the build's lock.
def untracked = git('status', '--porcelain', '--untracked-files=all').readLines().collect { it.substring(3) } as Set
assert untracked.contains('.stateforge/manifest')
assert untracked.contains('.stateforge/.gitignore')
assert untracked.contains('orders-db/base/statefulset.yaml')
assert !untracked.contains('.stateforge/lock')
assert new File(deploy, '.stateforge/lock').exists()
assert !untracked.any { it.startsWith('session-cache/') }
assert !new File(deploy, 'session-cache').exists()
assert !new File(deploy, '.stateforge/manifest').text.contains('session-cache')
