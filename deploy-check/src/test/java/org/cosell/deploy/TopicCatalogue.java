package org.cosell.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who writes and who reads each topic, from the table of docs/events.md (the topic catalogue the
 * services are built to): the one place that says it, so the ACLs are checked against it rather than
 * against a second copy.
 */
record TopicCatalogue(Map<String, Set<String>> writes, Map<String, Set<String>> reads) {

    private static final Pattern TOPIC = Pattern.compile("^\\| `(cosell\\.[a-z.-]+)` \\|");
    private static final Pattern SERVICE = Pattern.compile("\\b([a-z]+-(?:service|scheduler))\\b");
    private static final int WRITTEN_BY = 4;
    private static final int READ_BY = 5;

    static TopicCatalogue read(Path eventsMarkdown) {
        Map<String, Set<String>> writes = new TreeMap<>();
        Map<String, Set<String>> reads = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(eventsMarkdown)) {
                Matcher topic = TOPIC.matcher(line);
                if (topic.find()) {
                    String[] cells = line.split("\\|");
                    services(cells[WRITTEN_BY]).forEach(service ->
                            writes.computeIfAbsent(service, any -> new TreeSet<>()).add(topic.group(1)));
                    services(cells[READ_BY]).forEach(service ->
                            reads.computeIfAbsent(service, any -> new TreeSet<>()).add(topic.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TopicCatalogue(writes, reads);
    }

    Set<String> services() {
        Set<String> services = new TreeSet<>(writes.keySet());
        services.addAll(reads.keySet());
        return services;
    }

    private static Set<String> services(String cell) {
        Set<String> services = new TreeSet<>();
        Matcher service = SERVICE.matcher(cell);
        while (service.find()) {
            services.add(service.group(1));
        }
        return services;
    }
}
