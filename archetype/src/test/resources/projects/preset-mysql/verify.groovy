// Runs after `mvn verify` of the generated project; reference/ already pinned its sources (and the
// build copied the repository's Maven wrapper into reference/).
// basedir is this folder; context.projectDir is the generated project.
def verifyGeneratedProject = evaluate(new File(basedir.parentFile, 'verify-generated-project.groovy'))
verifyGeneratedProject(basedir, context.projectDir, 'billing-db', 'payments', 'mysql')
