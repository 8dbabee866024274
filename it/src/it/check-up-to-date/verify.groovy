// check passes, and writes nothing, when the committed output matches the specs.
def log = new File(basedir, 'build.log').text
assert log.contains('Manifests in target/stateforge match the specs (10 files)') // 8 manifests, the marker and its .gitignore
assert !log.contains('BUILD FAILURE')
