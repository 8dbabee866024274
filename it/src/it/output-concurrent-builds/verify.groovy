// Two modules wrote into one folder at once. One build wrote its app; the other waited for the
// lock, found that app in the previous output, and refused to remove it. The folder holds one
// whole build, and both reports say what happened.
def log = new File(basedir, 'build.log').text
def deploy = new File(basedir, 'deploy')
assert log.contains('thread count of 2')
assert log.count('Wrote manifests to ') == 1
assert log.contains('[app-removed]')
assert log.contains('BUILD FAILURE')
assert !(log =~ /(?m)^\s+at [\w.$]+ ?\(/): 'build.log holds a stack trace'

// Exactly one app, and every file the marker lists has the bytes it lists.
def apps = ['orders-db', 'session-cache'].findAll { new File(deploy, "$it/base/statefulset.yaml").exists() }
assert apps.size() == 1
def marker = new File(deploy, '.stateforge/manifest').text
def listed = marker.readLines().findAll { !it.startsWith('#') }.collectEntries { [(it.substring(66)): it.substring(0, 64)] }
assert listed.keySet().any { it.startsWith(apps[0] + '/') }
listed.each { path, hash ->
    assert java.security.MessageDigest.getInstance('SHA-256').digest(new File(deploy, path).bytes).encodeHex().toString() == hash: path
}
assert !new File(deploy, '.stateforge/pending').exists()
return true
