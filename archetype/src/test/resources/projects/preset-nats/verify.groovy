// Runs after `mvn verify` of the generated project.
// basedir is this folder; context.projectDir is the generated project.
def verifyGeneratedProject = evaluate(new File(basedir.parentFile, 'verify-generated-project.groovy'))
verifyGeneratedProject(basedir, context.projectDir, 'events', 'messaging', 'nats')
