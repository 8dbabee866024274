// Runs after `mvn verify` of the project generated with the default appName, namespace and preset.
// basedir is this folder; context.projectDir is the generated project.
def verifyGeneratedProject = evaluate(new File(basedir.parentFile, 'verify-generated-project.groovy'))
verifyGeneratedProject(basedir, context.projectDir, 'orders-db', 'data', 'postgres')

// The generated wrapper runs (it finds Maven 3.9.11 where ./mvnw of the Stateforge build put it).
def mvnw = ['./mvnw', '--version'].execute(null, context.projectDir)
def out = new StringBuilder()
mvnw.waitForProcessOutput(out, out)
assert mvnw.exitValue() == 0: "./mvnw --version failed:\n${out}"
assert out.contains('Apache Maven 3.9.11')

// Once for all ITs: the choices, the post-generation script.
evaluate(new File(basedir.parentFile, 'check-preset-choices.groovy'))(basedir)
evaluate(new File(basedir.parentFile, 'check-post-generate-script.groovy'))(basedir)
return true
