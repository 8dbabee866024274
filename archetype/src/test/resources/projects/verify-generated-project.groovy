// Shared checks of the archetype ITs, evaluated by each IT's verify.groovy. projectDir is the generated
// project after `mvn verify`, in projects/<it>/project/<artifactId>/; itDir is the IT's folder,
// target/test-classes/projects/<it>/, so the Stateforge repository is four folders above it.
{ File itDir, File projectDir, String app, String namespace, String preset ->
    File repository = itDir.parentFile.parentFile.parentFile.parentFile.parentFile
    assert new File(repository, 'mvnw').isFile(): "not the Stateforge repository: ${repository}"

    // The chosen preset's spec, and no other template.
    File spec = new File(projectDir, "src/main/stateforge/${app}.conf")
    assert spec.isFile()
    assert spec.text.contains("include classpath(\"stateforge/presets/${preset}.conf\")")
    assert new File(projectDir, 'src/main/stateforge').list().toList() == ["${app}.conf".toString()]
    assert !new File(projectDir, 'archetype-presets').exists()

    // Velocity and the archetype's own filtering replaced every placeholder of the templates.
    ['README.md', "src/main/stateforge/${app}.conf", 'gitops/argocd-application.yaml',
     'gitops/flux-kustomization.yaml', 'pom.xml'].each { String path ->
        String text = new File(projectDir, path).text
        ['${appName}', '${namespace}', '${artifactId}', '${preset}', '${groupId}', '@project.version@'].each {
            assert !text.contains(it): "${path} still holds ${it}"
        }
    }
    assert !new File(projectDir, 'README.md').text.contains('${'): 'README.md holds an unreplaced ${...}'

    // Copied byte for byte: the Maven wrapper (this repository's own, pinning Maven 3.9.11), executable
    // again, and the CI workflow.
    ['mvnw', 'mvnw.cmd', '.mvn/wrapper/maven-wrapper.properties'].each { String path ->
        assert new File(projectDir, path).bytes == new File(repository, path).bytes: "${path} differs from the repository's"
    }
    assert new File(projectDir, 'mvnw').canExecute()
    assert new File(projectDir, '.mvn/wrapper/maven-wrapper.properties').text
        .contains('/org/apache/maven/apache-maven/3.9.11/apache-maven-3.9.11-bin.zip')
    // The JVM options every Maven run of the project takes; the IT's own build ran with them, so the
    // JVM accepted them.
    assert new File(projectDir, '.mvn/jvm.config').text.trim() == '-XX:TieredStopAtLevel=1'
    File workflow = new File(projectDir, '.github/workflows/verify.yml')
    assert workflow.bytes == new File(repository,
        'archetype/src/main/resources/archetype-resources/.github/workflows/verify.yml').bytes
    assert workflow.text.contains('run: ./mvnw -B verify') && workflow.text.contains('run: ./mvnw -B stateforge:check')
    assert new File(projectDir, '.gitignore').text.contains('target/')

    // The GitOps examples point at the committed output.
    String argo = new File(projectDir, 'gitops/argocd-application.yaml').text
    assert argo.contains('kind: Application') && argo =~ /(?m)^    path: deploy$/
    assert argo =~ /(?m)^    namespace: ${namespace}$/
    String flux = new File(projectDir, 'gitops/flux-kustomization.yaml').text
    assert flux.contains('kind: Kustomization') && flux.contains('kind: GitRepository')
    assert flux =~ /(?m)^  path: \.\/deploy$/

    // `verify stateforge:check`: generate wrote the manifests, validate checked them again, and check
    // (as the CI workflow runs it) found deploy/ to be what the specs make.
    String log = new File(projectDir, 'build.log').text
    assert log.contains('Wrote manifests to ')
    assert log =~ /Validated \d+ object\(s\) in \d+ file\(s\) under /
    assert log =~ /Manifests in \S*deploy match the specs \(\d+ files\)/
    assert log.contains('BUILD SUCCESS')

    // The output lands in the repository, ready to commit, and nowhere else.
    File deploy = new File(projectDir, 'deploy')
    File statefulSet = new File(deploy, "${app}/base/statefulset.yaml")
    assert statefulSet.isFile()
    String statefulSetYaml = statefulSet.text
    assert statefulSetYaml.contains('kind: StatefulSet')
    assert statefulSetYaml =~ /(?m)^  name: ${app}$/
    assert statefulSetYaml =~ /(?m)^  namespace: ${namespace}$/
    // The database templates back up; the clustered engines' templates (etcd, ZooKeeper, Kafka, NATS)
    // do not, and an app without components is listed by its base.
    boolean backups = spec.text =~ /(?m)^backup \{/
    String top = new File(deploy, 'kustomization.yaml').text
    assert top.contains('- cluster') && top.contains(backups ? "- ${app}/overlays/default" : "- ${app}/base")
    assert new File(deploy, 'cluster/storageclass-fast-ssd.yaml').isFile()
    assert new File(deploy, "${app}/components/backup/cronjob-backup.yaml").isFile() == backups
    assert new File(deploy, "${app}/components/restore/job-restore.yaml").isFile() == backups
    assert !new File(projectDir, 'target/stateforge').exists()

    // The committed tree must be what Argo CD and Flux will build: kustomize v5 has to accept it.
    Process kustomize
    try {
        kustomize = ['kubectl', 'kustomize', 'deploy'].execute(null, projectDir)
    } catch (IOException e) {
        throw new AssertionError("kubectl (with kustomize v5) must be on the PATH for this IT: ${e.message}", e)
    }
    StringBuilder out = new StringBuilder()
    StringBuilder err = new StringBuilder()
    kustomize.waitForProcessOutput(out, err)
    assert kustomize.exitValue() == 0: "kubectl kustomize deploy failed:\n${err}"
    String rendered = out.toString()
    (['StatefulSet', 'StorageClass', 'PodDisruptionBudget', 'NetworkPolicy'] + (backups ? ['CronJob', 'PersistentVolumeClaim'] : [])).each {
        assert rendered =~ /(?m)^kind: ${it}$/
    }
    assert rendered =~ /(?m)^  namespace: ${namespace}$/
    // The restore Job is never applied from Git.
    assert !(rendered =~ /(?m)^kind: Job$/)
    return true
}
