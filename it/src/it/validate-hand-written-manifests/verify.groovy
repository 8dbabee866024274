// validate checks YAML that Stateforge did not write: the clean file passes silently, the bad one
// fails the build with findings at their lines, and an annotation acknowledges a rule.
def log = new File(basedir, 'build.log').text

assert log.contains('Validated 3 object(s) in 2 file(s) under ')
assert log.contains('[ERROR] deploy/bad/cache.yaml:22: error: spec.template.spec.containers[0].image: StatefulSet/cache container redis uses image "redis:latest", whose tag latest moves [image-pinned]')
assert log.contains('[INFO] deploy/bad/cache.yaml:10: note: spec.replicas: StatefulSet/cache runs a single replica: every node drain or crash is an outage; acknowledged: a cache; it rebuilds itself [single-replica]')
assert log.contains('Stateforge found 1 problem. deploy/bad/cache.yaml:22: error:')
assert !log.contains('deploy/good/')
assert log.contains('BUILD FAILURE')
assert !(log =~ /(?m)^\s+at [\w.$]+ ?\(/): 'build.log holds a stack trace'

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/stateforge-validate.sarif'))
assert sarif.runs[0].results*.ruleId == ['single-replica', 'image-pinned']
