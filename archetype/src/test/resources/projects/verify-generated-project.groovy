// Shared checks of the archetype ITs, evaluated by each IT's verify.groovy. projectDir is the generated
// project after `mvn package`, in projects/<it>/project/<artifactId>/.
{ File projectDir, String app, String namespace ->
    assert new File(projectDir, "src/main/stateforge/${app}.conf").isFile()

    def log = new File(projectDir, 'build.log').text
    assert log.contains('Wrote manifests to ')

    // The output lands in the repository, ready to commit, and nowhere else.
    def deploy = new File(projectDir, 'deploy')
    def statefulSet = new File(deploy, "${app}/base/statefulset.yaml")
    assert statefulSet.isFile()
    def statefulSetYaml = statefulSet.text
    assert statefulSetYaml.contains('kind: StatefulSet')
    assert statefulSetYaml =~ /(?m)^  name: ${app}$/
    assert statefulSetYaml =~ /(?m)^  namespace: ${namespace}$/
    assert new File(deploy, 'kustomization.yaml').text.contains("- ${app}/base")
    assert new File(deploy, 'cluster/storageclass-fast-ssd.yaml').isFile()
    assert !new File(projectDir, 'target/stateforge').exists()

    // The committed tree must be what Argo CD and Flux will build: kustomize v5 has to accept it.
    def kustomize
    try {
        kustomize = ['kubectl', 'kustomize', 'deploy'].execute(null, projectDir)
    } catch (IOException e) {
        throw new AssertionError("kubectl (with kustomize v5) must be on the PATH for this IT: ${e.message}", e)
    }
    def out = new StringBuilder()
    def err = new StringBuilder()
    kustomize.waitForProcessOutput(out, err)
    assert kustomize.exitValue() == 0: "kubectl kustomize deploy failed:\n${err}"
    def rendered = out.toString()
    assert rendered.contains('kind: StatefulSet')
    assert rendered.contains('kind: StorageClass')
    assert rendered =~ /(?m)^  namespace: ${namespace}$/
    return true
}
