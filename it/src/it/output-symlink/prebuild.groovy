// deploy is a symbolic link to gitops/deploy, as when the repository Argo CD watches is checked out elsewhere.
import java.nio.file.Files
import java.nio.file.Path

def target = new File(basedir, 'gitops/deploy')
target.mkdirs()
Files.createSymbolicLink(new File(basedir, 'deploy').toPath(), Path.of('gitops', 'deploy'))
return true
