// Two mistakes in one spec: the build fails, reports both in one run with file:line and a hint,
// shows no stack trace, and writes nothing.
def log = new File(basedir, 'build.log').text

assert log.contains('[ERROR] src/main/stateforge/orders-db.conf:5: error: replcas: unknown key "replcas" [unknown-key]')
assert log.contains('    hint: did you mean "replicas"?')
assert log.contains('[ERROR] src/main/stateforge/orders-db.conf:7: error: storage.data.size: ')
assert log.contains('[quantity-format]')
assert log.contains('Stateforge found 2 problems; nothing was written.')
assert log.contains('BUILD FAILURE')

// User mistakes are a MojoFailureException with a message, not a crash with our stack trace.
assert !log.contains('at dev.stateforge')
assert !(log =~ /(?m)^\s+at [\w.$]+ ?\(/): 'build.log holds a stack trace'

def target = new File(basedir, 'target')
assert !new File(target, 'stateforge').exists()
// No half-written staging directory was left behind either; only the findings report.
assert (target.list() ?: []).findAll { it.contains('stateforge') } == ['stateforge-report.sarif']
def sarif = new groovy.json.JsonSlurper().parse(new File(target, 'stateforge-report.sarif'))
def results = sarif.runs[0].results
assert results*.ruleId == ['unknown-key', 'quantity-format']
assert results*.locations.collect { it[0].physicalLocation.region.startLine } == [5, 7]
