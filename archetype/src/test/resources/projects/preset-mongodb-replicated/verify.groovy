// Runs after `mvn verify` of the generated project.
// basedir is this folder; context.projectDir is the generated project.
def verifyGeneratedProject = evaluate(new File(basedir.parentFile, 'verify-generated-project.groovy'))
verifyGeneratedProject(basedir, context.projectDir, 'catalog-db', 'shop', 'mongodb-replicated')
// Every member runs in the replica set, and the backup reads a secondary of it.
String statefulSet = new File(context.projectDir, 'deploy/catalog-db/base/statefulset.yaml').text
assert statefulSet.contains('- --replSet')
assert statefulSet.contains('name: replica-set')
assert new File(context.projectDir, 'deploy/catalog-db/components/backup/cronjob-backup.yaml').text.contains('--readPreference=secondaryPreferred')
