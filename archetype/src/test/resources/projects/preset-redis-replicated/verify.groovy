// Runs after `mvn verify` of the generated project.
// basedir is this folder; context.projectDir is the generated project.
def verifyGeneratedProject = evaluate(new File(basedir.parentFile, 'verify-generated-project.groovy'))
verifyGeneratedProject(basedir, context.projectDir, 'sessions', 'web', 'redis-replicated')
// Sentinel-aware clients find the primary through the Sentinel Service; each pod runs a Sentinel.
assert new File(context.projectDir, 'deploy/sessions/base/service-sentinel.yaml').text.contains('port: 26379')
String statefulSet = new File(context.projectDir, 'deploy/sessions/base/statefulset.yaml').text
assert statefulSet.contains('name: find-primary') && statefulSet.contains('- redis-sentinel')
