// check passes, and writes nothing, when the committed output matches the specs.
def log = new File(basedir, 'build.log').text
assert log.contains('Manifests in target/stateforge match the specs (8 files)')
assert !log.contains('BUILD FAILURE')
