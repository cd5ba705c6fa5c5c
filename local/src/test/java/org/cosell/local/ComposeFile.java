package org.cosell.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The repository's docker-compose.yml and Dockerfile, read as plain data for tests. */
final class ComposeFile {

    static final Path REPOSITORY_ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern COPY_JAR = Pattern.compile("(?m)^COPY\\s+(\\S+\\.jar)\\s+\\S+$");

    private final Map<String, Object> compose;

    private ComposeFile(Map<String, Object> compose) {
        this.compose = compose;
    }

    static ComposeFile load() throws IOException {
        try (Reader reader = Files.newBufferedReader(REPOSITORY_ROOT.resolve("docker-compose.yml"))) {
            return new ComposeFile(new Yaml().load(reader));
        }
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
}
