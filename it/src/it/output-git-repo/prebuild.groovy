// deploy/ is a GitOps repository before Stateforge writes into it: git init, a README, one commit.
// (A .git folder cannot be committed into Stateforge's own repository, so it is made here.)
def deploy = new File(basedir, 'deploy')
deploy.mkdirs()
new File(deploy, 'README.md').text = 'Rendered manifests; Argo CD watches this repository.\n'
def git = { String... args ->
    def process = (['git', '-C', deploy.absolutePath, '-c', 'user.name=it', '-c', 'user.email=it@example.invalid'] + args.toList()).execute()
    def out = new StringBuilder(), err = new StringBuilder()
    process.waitForProcessOutput(out, err)
    assert process.exitValue() == 0: "git ${args.join(' ')} failed: $err"
    out.toString()
}
git('init', '-q')
git('add', 'README.md')
git('commit', '-q', '-m', 'initial')
new File(basedir, 'git-head.txt').text = git('rev-parse', 'HEAD')
return true
