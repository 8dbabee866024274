// Runs after `mvn verify` of the generated project.
// basedir is this folder; context.projectDir is the generated project.
def verifyGeneratedProject = evaluate(new File(basedir.parentFile, 'verify-generated-project.groovy'))
verifyGeneratedProject(basedir, context.projectDir, 'events-kafka', 'streaming', 'kafka')
// The controller quorum lists the three nodes.
assert new File(context.projectDir, 'deploy/events-kafka/base/statefulset.yaml').text.contains('2@events-kafka-2.events-kafka-headless.streaming.svc.cluster.local:9093')
