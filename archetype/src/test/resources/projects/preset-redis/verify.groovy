// Runs after `mvn verify` of the generated project.
// basedir is this folder; context.projectDir is the generated project.
def verifyGeneratedProject = evaluate(new File(basedir.parentFile, 'verify-generated-project.groovy'))
verifyGeneratedProject(basedir, context.projectDir, 'session-cache', 'web', 'redis')
// The kubelet, not Velocity, expands $(REDISCLI_AUTH).
assert new File(context.projectDir, 'deploy/session-cache/base/statefulset.yaml').text.contains('$(REDISCLI_AUTH)')
