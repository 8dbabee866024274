// The archetype offers exactly the engine presets that the plugin it was built with ships, and each
// choice has an IT. itDir is an IT's folder, target/test-classes/projects/<it>/.
import java.util.zip.ZipFile

{ File itDir ->
    File projects = itDir.parentFile
    File target = projects.parentFile.parentFile
    File archetypeModule = target.parentFile

    // The choices: one spec template per preset.
    List<String> choices = new File(target, 'classes/archetype-resources/archetype-presets').list()
        .findAll { it.endsWith('.conf') }.collect { it - ~/\.conf$/ }.sort()

    // The presets of the plugin jar that the ITs' builds use (copied into target/it-repo).
    File pluginDir = new File(target, 'it-repo/dev/stateforge/stateforge-maven-plugin')
    List<File> jars = []
    pluginDir.eachFileRecurse { if (it.name ==~ /stateforge-maven-plugin-.*\.jar/) jars << it }
    assert jars.size() == 1: "one plugin jar in ${pluginDir}: ${jars}"
    List<String> shipped = new ZipFile(jars[0]).withCloseable { zip ->
        zip.entries().toList()*.name.findAll { it ==~ /stateforge\/presets\/[^\/]+\.conf/ }
            .collect { it.substring('stateforge/presets/'.length()) - ~/\.conf$/ }.sort()
    }
    assert shipped.contains('postgres')
    // Presets that are half of a pair of apps: the archetype makes one app, and a broker without its
    // controllers (or the reverse) does not run. The kafka preset page shows the pair.
    List<String> companions = ['kafka-broker', 'kafka-controller']
    assert shipped.containsAll(companions): "the companion presets ${companions} are gone: update this list"
    shipped = shipped - companions
    assert choices == shipped: "the plugin ships the presets ${shipped}, the archetype offers ${choices}: " +
        "add or remove archetype-resources/archetype-presets/<preset>.conf (see archetype-metadata.xml)"

    // The prompt's regex names the same ones.
    String metadata = new File(target, 'classes/META-INF/maven/archetype-metadata.xml').text
    def regex = metadata =~ /<validationRegex>\^\(([a-z0-9|-]+)\)\$<\/validationRegex>/
    assert regex.find(): 'no validationRegex ^(a|b|...)$ for preset in archetype-metadata.xml'
    assert regex.group(1).split('\\|').toList().sort() == choices: "preset's validationRegex in archetype-metadata.xml"

    // One IT per choice; postgres is the default.
    List<String> tested = projects.listFiles().findAll { new File(it, 'archetype.properties').isFile() }.collect {
        Properties p = new Properties()
        new File(it, 'archetype.properties').withInputStream { p.load(it) }
        p.getProperty('preset', 'postgres')
    }.unique().sort()
    assert tested == choices: "ITs under src/test/resources/projects cover the presets ${tested}, the archetype offers ${choices}"
    println "[archetype IT] preset choices ${choices} match the plugin's presets and the ITs"
}
