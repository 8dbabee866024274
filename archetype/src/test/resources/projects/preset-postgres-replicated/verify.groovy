// Runs after `mvn verify` of the generated project.
// basedir is this folder; context.projectDir is the generated project.
def verifyGeneratedProject = evaluate(new File(basedir.parentFile, 'verify-generated-project.groovy'))
verifyGeneratedProject(basedir, context.projectDir, 'orders-db', 'data', 'postgres-replicated')
// The write Service selects the primary, and the standbys clone through it.
assert new File(context.projectDir, 'deploy/orders-db/base/service-primary.yaml').text.contains('apps.kubernetes.io/pod-index: "0"')
assert new File(context.projectDir, 'deploy/orders-db/base/statefulset.yaml').text.contains('value: orders-db-primary')
