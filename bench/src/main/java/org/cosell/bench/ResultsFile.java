package org.cosell.bench;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Writes the figures of a run, the machine's load during it and the options it ran with, as JSON. */
final class ResultsFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ResultsFile() {
    }

    static void write(Path file, BenchOptions options, Instant startedAt, ResultsTable table) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("startedAt", startedAt.toString());
        root.put("finishedAt", Instant.now().toString());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("javaVersion", System.getProperty("java.version"));
        ArrayNode loads = machine.putArray("loadAverages");
        for (LoadAverage load : table.loads()) {
            ObjectNode node = loads.addObject();
            node.put("when", load.when());
            node.put("at", load.at().toString());
            number(node, "oneMinute", load.oneMinute());
            number(node, "fiveMinutes", load.fiveMinutes());
            number(node, "fifteenMinutes", load.fifteenMinutes());
        }
        root.set("options", JSON.valueToTree(options));
        ArrayNode figures = root.putArray("figures");
        for (Figure figure : table.figures()) {
            ObjectNode node = figures.addObject();
            node.put("benchmark", figure.benchmark());
            node.put("name", figure.name());
            number(node, "value", figure.value());
            node.put("unit", figure.unit());
            node.put("reference", figure.reference());
            node.put("target", figure.target());
            node.put("verdict", figure.verdict().name());
            node.put("note", figure.note());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
