package org.cosell.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One of the repository's compose files (docker-compose.yml, compose.dev.yml) and the Dockerfile,
 * read as plain data for tests. Compose's merge tags ({@code !override}, {@code !reset}) read as the
 * value they tag.
 */
final class ComposeFile {

    static final String BASE = "docker-compose.yml";
    static final String DEV = "compose.dev.yml";

    static final Path REPOSITORY_ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern COPY_JAR = Pattern.compile("(?m)^COPY\\s+(\\S+\\.jar)\\s+\\S+$");

    private final Map<String, Object> compose;
    private final String text;

    private ComposeFile(Map<String, Object> compose, String text) {
        this.compose = compose;
        this.text = text;
    }

    static ComposeFile load() throws IOException {
        return load(BASE);
    }

    static ComposeFile load(String file) throws IOException {
        String text = Files.readString(REPOSITORY_ROOT.resolve(file));
        return new ComposeFile(new Yaml(new MergeTagsAsValues()).load(text), text);
    }

    /** The file as written, before YAML or Compose read it. */
    String text() {
        return text;
    }

    Map<String, Object> services() {
        return map(compose.get("services"));
    }

    Map<String, Object> service(String name) {
        return map(services().get(name));
    }

    Map<String, Object> volumes() {
        return map(compose.get("volumes"));
    }

    Path buildContext(String service) {
        return REPOSITORY_ROOT.resolve((String) map(service(service).get("build")).get("context")).normalize();
    }

    Path dockerfile(String service) {
        return buildContext(service).resolve((String) map(service(service).get("build")).get("dockerfile")).normalize();
    }

    String moduleArgument(String service) {
        return (String) map(map(service(service).get("build")).get("args")).get("MODULE");
    }

    /** The jar the service's Dockerfile copies into its image, with the MODULE build argument filled in. */
    Path imageJar(String service) throws IOException {
        Matcher copy = COPY_JAR.matcher(Files.readString(dockerfile(service)));
        if (!copy.find()) {
            throw new IllegalStateException("No COPY of a jar in " + dockerfile(service));
        }
        return buildContext(service).resolve(copy.group(1).replace("${MODULE}", moduleArgument(service))).normalize();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static final class MergeTagsAsValues extends SafeConstructor {

        MergeTagsAsValues() {
            super(new LoaderOptions());
            for (String tag : List.of("!override", "!reset")) {
                yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        if (node instanceof SequenceNode sequence) {
                            return constructSequence(sequence);
                        }
                        if (node instanceof MappingNode mapping) {
                            return constructMapping(mapping);
                        }
                        return constructScalar((ScalarNode) node);
                    }
                });
            }
        }
    }
}
