// The build rolled back the killed transaction (its placed file is gone, the README stays),
// removed the staging tree beside the output, and wrote a whole tree.
def log = new File(basedir, 'build.log').text
def target = new File(basedir, 'target')
def out = new File(target, 'stateforge')

assert log.contains('[INFO] note: removed .stateforge.stateforge-new-4711, a staging tree left by a killed build [output-recovered]')
assert log.contains('[INFO] note: rolled back a build that was interrupted while writing the output: 0 file(s) restored, 1 removed [output-recovered]')
assert log.contains('Wrote manifests to target/stateforge: 11 file(s) changed, 0 removed')
assert log.contains('BUILD SUCCESS')

assert target.list().toList().sort() == ['stateforge', 'stateforge-report.sarif']
assert !new File(out, '.stateforge/pending').exists()
assert !new File(out, 'stale').exists()
assert new File(out, 'README.md').text == 'Kept by hand.\n'

def marker = new File(out, '.stateforge/manifest').text
def listed = marker.readLines().findAll { !it.startsWith('#') }.collectEntries { [(it.substring(66)): it.substring(0, 64)] }
assert listed.size() == 10
listed.each { path, hash ->
    assert java.security.MessageDigest.getInstance('SHA-256').digest(new File(out, path).bytes).encodeHex().toString() == hash: path
}
return true
