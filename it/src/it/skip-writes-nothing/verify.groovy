// -Dstateforge.skip=true on a project whose spec is valid: the goal runs, says why it did nothing,
// and writes nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('--- stateforge:')
assert log.contains('[INFO] Stateforge is skipped (stateforge.skip is true)')
assert !log.contains('Wrote manifests')
assert !log.contains('up to date')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/stateforge').exists()
