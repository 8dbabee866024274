// check passes, and writes nothing, when the committed output matches the specs.
def log = new File(basedir, 'build.log').text
assert log.contains('Manifests in target/stateforge match the specs (11 files)') // 9 manifests, the marker and its .gitignore
assert !log.contains('BUILD FAILURE')

// check writes its findings as SARIF like generate does: the same specs, the same findings.
def slurper = new groovy.json.JsonSlurper()
def checked = slurper.parse(new File(basedir, 'target/stateforge-check.sarif'))
def generated = slurper.parse(new File(basedir, 'target/stateforge-report.sarif'))
assert checked.version == '2.1.0'
assert checked.runs[0].results == generated.runs[0].results
