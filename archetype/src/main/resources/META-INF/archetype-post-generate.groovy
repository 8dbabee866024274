// Runs after archetype:generate has written the project (also in the archetype's ITs).
//
// 1. Checks the properties: the archetype plugin checks archetype-metadata.xml's validationRegex
//    only when it prompts, never in batch mode.
// 2. Moves the chosen preset's spec template, archetype-presets/<preset>.conf, to
//    src/main/stateforge/<appName>.conf, and deletes the other templates. The templates present are
//    the choices: adding a preset is adding a template (see archetype-metadata.xml).
// 3. Makes mvnw executable: archetypes do not keep file modes.
//
// On a bad property it deletes the project it has just generated (archetype:generate refuses to
// generate into a folder that exists, so it is always new) and fails.

import java.nio.file.Files
import java.nio.file.StandardCopyOption

File project = new File(request.outputDirectory, request.artifactId)
Properties props = request.properties

void fail(File project, String message) {
    project.deleteDir()
    throw new IllegalArgumentException(message)
}

File templates = new File(project, 'archetype-presets')
List<String> choices = (templates.list() ?: new String[0])
    .findAll { it.endsWith('.conf') }
    .collect { it - ~/\.conf$/ }
    .sort()

String preset = props.getProperty('preset')
if (!choices.contains(preset)) {
    fail(project, "Unknown preset '${preset}': choose one of ${choices.join(', ')} (-Dpreset=...)")
}
// The spec schema's rules for name (DNS-1035 label, at most 52 characters) and namespace (DNS-1123 label).
String appName = props.getProperty('appName')
if (!(appName ==~ /[a-z]([-a-z0-9]*[a-z0-9])?/) || appName.length() > 52) {
    fail(project, "appName '${appName}' is not a DNS-1035 label of at most 52 characters "
        + "(lowercase letters, digits and '-', starting with a letter)")
}
String namespace = props.getProperty('namespace')
if (!(namespace ==~ /[a-z0-9]([-a-z0-9]*[a-z0-9])?/) || namespace.length() > 63) {
    fail(project, "namespace '${namespace}' is not a DNS-1123 label of at most 63 characters")
}

File specs = new File(project, 'src/main/stateforge')
specs.mkdirs()
Files.move(new File(templates, preset + '.conf').toPath(), new File(specs, appName + '.conf').toPath(),
    StandardCopyOption.REPLACE_EXISTING)
templates.deleteDir()

File mvnw = new File(project, 'mvnw')
if (mvnw.isFile()) {
    mvnw.setExecutable(true, false)
}
