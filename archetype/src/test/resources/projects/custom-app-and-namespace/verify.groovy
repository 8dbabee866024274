// Runs after `mvn package` of the generated project; reference/ already pinned its sources.
// basedir is this folder; context.projectDir is the generated project.
def verifyGeneratedProject = evaluate(new File(basedir.parentFile, 'verify-generated-project.groovy'))
verifyGeneratedProject(context.projectDir, 'billing-db', 'payments')
