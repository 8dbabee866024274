// META-INF/archetype-post-generate.groovy on its own, with the variable archetype:generate binds
// (request), on fake projects: it refuses what batch mode lets through. itDir is an IT's folder.
{ File itDir ->
    File target = itDir.parentFile.parentFile.parentFile
    String script = new File(target, 'classes/META-INF/archetype-post-generate.groovy').text
    File scratch = new File(target, 'post-generate-check')
    scratch.deleteDir()

    def run = { Map<String, String> properties ->
        File project = new File(scratch, 'gitops')
        project.deleteDir()
        ['postgres', 'redis'].each {
            File template = new File(project, "archetype-presets/${it}.conf")
            template.parentFile.mkdirs()
            template.text = "# ${it}\n"
        }
        new File(project, 'mvnw').text = '#!/bin/sh\n'
        Properties props = new Properties()
        props.putAll(properties)
        Binding binding = new Binding()
        binding.setVariable('request', [outputDirectory: scratch.path, artifactId: 'gitops', properties: props])
        new GroovyShell(binding).evaluate(script)
        return project
    }
    def fails = { Map<String, String> properties, String expected ->
        try {
            run(properties)
        } catch (IllegalArgumentException e) {
            assert e.message.contains(expected)
            assert !new File(scratch, 'gitops').exists(): 'a refused project is deleted'
            return
        }
        throw new AssertionError("post-generate script accepted ${properties}")
    }

    File made = run([appName: 'orders-db', namespace: 'data', preset: 'redis'])
    assert new File(made, 'src/main/stateforge/orders-db.conf').text == '# redis\n'
    assert !new File(made, 'archetype-presets').exists()
    assert new File(made, 'mvnw').canExecute()

    fails([appName: 'orders-db', namespace: 'data', preset: 'oracle'], "Unknown preset 'oracle': choose one of postgres, redis")
    fails([appName: 'Orders_DB', namespace: 'data', preset: 'postgres'], "appName 'Orders_DB' is not a DNS-1035 label")
    fails([appName: 'a' * 53, namespace: 'data', preset: 'postgres'], 'at most 52 characters')
    fails([appName: 'orders-db', namespace: 'Data', preset: 'postgres'], "namespace 'Data' is not a DNS-1123 label")
    scratch.deleteDir()
    println '[archetype IT] the post-generation script refuses an unknown preset and bad names'
}
