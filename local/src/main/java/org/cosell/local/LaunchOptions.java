package org.cosell.local;

import java.util.List;

/**
 * What the user asked for on the command line.
 *
 * @param infraOnly start only the broker, the database and the SMTP sink
 * @param inMemory  keep no data on disk
 * @param help      print the usage and do nothing else
 */
record LaunchOptions(boolean infraOnly, boolean inMemory, boolean help) {

    static final String USAGE = """
            Usage: java -jar local/target/cosell-local.jar [--infra-only] [--in-memory] [--help]
                   java -jar local/target/cosell-local.jar send-referral [--partner <MPN id>]

            Starts Cosell on this machine: a Kafka broker (localhost:9092), a MongoDB-compatible
            server (localhost:27017), an SMTP sink (localhost:2525, only when SMTP_HOST is not set)
            and the five services (gateway on http://localhost:8080, 8081-8084 for the others).
            Data is kept under ./data. Stop everything with Ctrl-C.

              --infra-only   start only the broker, the database and the SMTP sink
              --in-memory    keep no data: nothing is written under ./data
              --help         print this text

            Build the services first: ./mvnw -q -DskipTests package
            Each service gets the launcher's environment plus local defaults; see docs/running.md.""";

    static LaunchOptions parse(String... args) {
        boolean infraOnly = false;
        boolean inMemory = false;
        boolean help = false;
        for (String arg : List.of(args)) {
            switch (arg) {
                case "--infra-only" -> infraOnly = true;
                case "--in-memory" -> inMemory = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        return new LaunchOptions(infraOnly, inMemory, help);
    }
}
