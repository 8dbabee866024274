// Runs after `mvn package` of the project generated with the default appName and namespace.
// basedir is this folder; context.projectDir is the generated project.
def verifyGeneratedProject = evaluate(new File(basedir.parentFile, 'verify-generated-project.groovy'))
verifyGeneratedProject(context.projectDir, 'orders-db', 'data')
