package org.cosell.bench;

import com.mongodb.client.MongoClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.cosell.stack.CosellService;

/**
 * What each service asks of the database: the commands its MongoDB driver sent (Micrometer's
 * {@code mongodb_driver_commands_seconds_count} in the service's own {@code /actuator/prometheus},
 * by command) and the bytes its database holds ({@code dbStats}' {@code dataSize}). Two snapshots,
 * before and after an ingest has been consumed everywhere, divided by the referrals, are the work one
 * referral costs each service — the figure to read the whole-stack ingest rate against the floor
 * with, whose consumer sends one bulk insert per 500 records and stores each record once.
 */
final class DatabaseWork {

    /** Each service that keeps a database, with it. */
    static final Map<CosellService, String> DATABASES = databases();

    private static final Pattern COMMAND_LINE = Pattern.compile(
            "^mongodb_driver_commands_seconds_count\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final Pattern COMMAND_TAG = Pattern.compile("(?:^|,)command=\"([^\"]*)\"");

    private DatabaseWork() {
    }

    /** One service's totals at one moment: commands sent so far, by command, and bytes its database holds. */
    record Snapshot(Map<String, Long> commands, long storedBytes) {

        long commandCount() {
            return commands.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static Map<CosellService, Snapshot> snapshot(MongoClient mongo) {
        Map<CosellService, Snapshot> snapshots = new LinkedHashMap<>();
        DATABASES.forEach((service, database) -> snapshots.put(service,
                new Snapshot(commands(service), storedBytes(mongo, database))));
        return snapshots;
    }

    /**
     * Per referral, for each service and in total: the commands sent (with the busiest command kinds
     * in the note) and the bytes added to its database.
     */
    static void report(Map<CosellService, Snapshot> before, Map<CosellService, Snapshot> after, int referrals,
                       String benchmark, String label, ResultsTable table) {
        long totalCommands = 0;
        long totalBytes = 0;
        for (CosellService service : DATABASES.keySet()) {
            Snapshot from = before.get(service);
            Snapshot to = after.get(service);
            Map<String, Long> byCommand = new TreeMap<>();
            to.commands().forEach((command, count) -> {
                long sent = count - from.commands().getOrDefault(command, 0L);
                if (sent > 0) {
                    byCommand.put(command, sent);
                }
            });
            long commands = byCommand.values().stream().mapToLong(Long::longValue).sum();
            long bytes = to.storedBytes() - from.storedBytes();
            totalCommands += commands;
            totalBytes += bytes;
            table.add(Figure.info(benchmark, "database commands per referral, " + service.name() + ", " + label,
                    (double) commands / referrals, "", perCommand(byCommand, referrals)));
            table.add(Figure.info(benchmark, "bytes stored per referral, " + service.name() + ", " + label,
                    (double) bytes / referrals, "bytes", DATABASES.get(service) + " dataSize (dbStats) after less before"));
        }
        table.add(Figure.info(benchmark, "database commands per referral, all services, " + label,
                (double) totalCommands / referrals, "", "the floor: 1 bulk insert per 500 records = 0.002"));
        table.add(Figure.info(benchmark, "bytes stored per referral, all services, " + label,
                (double) totalBytes / referrals, "bytes", "the floor stores each record once"));
    }

    private static String perCommand(Map<String, Long> byCommand, int referrals) {
        if (byCommand.isEmpty()) {
            return "none";
        }
        StringBuilder note = new StringBuilder();
        byCommand.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> note.append(note.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f",
                        entry.getKey(), (double) entry.getValue() / referrals)));
        return note.toString();
    }

    /** The commands the service's driver has sent, by command name; empty when it does not answer. */
    static Map<String, Long> commands(CosellService service) {
        return PrometheusScrape.of(service).map(DatabaseWork::parse).orElse(Map.of());
    }

    /** Sums a Prometheus scrape's driver command counts by command (over collections and outcomes). */
    static Map<String, Long> parse(String metrics) {
        Map<String, Long> byCommand = new TreeMap<>();
        Matcher line = COMMAND_LINE.matcher(metrics);
        while (line.find()) {
            Matcher command = COMMAND_TAG.matcher(line.group(1));
            if (command.find()) {
                byCommand.merge(command.group(1), (long) Double.parseDouble(line.group(2)), Long::sum);
            }
        }
        return byCommand;
    }

    private static long storedBytes(MongoClient mongo, String database) {
        Document stats = mongo.getDatabase(database).runCommand(new Document("dbStats", 1));
        return ((Number) stats.get("dataSize")).longValue();
    }

    private static Map<CosellService, String> databases() {
        Map<CosellService, String> databases = new LinkedHashMap<>();
        databases.put(CosellService.REFERRAL_SERVICE, "cosell-referrals");
        databases.put(CosellService.DEAL_SERVICE, "cosell-deals");
        databases.put(CosellService.NOTIFICATION_SERVICE, "cosell-notifications");
        databases.put(CosellService.EXPIRY_SCHEDULER, "cosell-expiry");
        return Collections.unmodifiableMap(databases);
    }
}
