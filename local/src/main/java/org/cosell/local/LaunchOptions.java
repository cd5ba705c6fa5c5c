package org.cosell.local;

import java.util.Iterator;
import java.util.List;

/**
 * What the user asked for on the command line.
 *
 * @param infraOnly start only the broker, the database and the SMTP sink
 * @param inMemory      keep no data on disk
 * @param productionJvm run the services with the JVM options of their container image instead of quick-start ones
 * @param bindAddress   the address the services listen on, or {@code null} for the default
 * @param help          print the usage and do nothing else
 */
record LaunchOptions(boolean infraOnly, boolean inMemory, boolean productionJvm, String bindAddress, boolean help) {

    static final String USAGE = """
            Usage: java -jar local/target/cosell-local.jar [--infra-only] [--in-memory] [--production-jvm]
                                                           [--bind-address <address>] [--help]
                   java -jar local/target/cosell-local.jar send-referral [--partner <MPN id>] [--binary]

            Starts Cosell on this machine: a Kafka broker (localhost:9092), a MongoDB-compatible
            server (localhost:27017), an SMTP sink (localhost:2525, only when SMTP_HOST is not set)
            and the six services (gateway on http://localhost:8080, which also serves the portal's
            pages; 8081-8085 for the others, their health and metrics on 9080-9085), all on 127.0.0.1
            only. Data is kept under ./data. Stop everything with Ctrl-C.

              --infra-only      start only the broker, the database and the SMTP sink
              --in-memory       keep no data: nothing is written under ./data
              --production-jvm  run the services with full JIT compilation and 1 GB heaps, as their
                                container image does: slower to start, much faster under load
                                (the benchmark uses it); the default starts six JVMs quickly
              --bind-address    where the services listen instead of 127.0.0.1 (default: SERVER_ADDRESS
                                if set), e.g. 0.0.0.0 for every interface: anybody who reaches the
                                gateway can then mint tokens with its dev issuer
              --help            print this text

            Build the services first: ./mvnw -q -DskipTests package
            Each service gets the launcher's environment plus local defaults; see docs/running.md.""";

    static LaunchOptions parse(String... args) {
        boolean infraOnly = false;
        boolean inMemory = false;
        boolean productionJvm = false;
        String bindAddress = null;
        boolean help = false;
        for (Iterator<String> arguments = List.of(args).iterator(); arguments.hasNext(); ) {
            String arg = arguments.next();
            switch (arg) {
                case "--infra-only" -> infraOnly = true;
                case "--in-memory" -> inMemory = true;
                case "--production-jvm" -> productionJvm = true;
                case "--bind-address" -> {
                    if (!arguments.hasNext()) {
                        throw new IllegalArgumentException("--bind-address needs an address, e.g. 0.0.0.0");
                    }
                    bindAddress = arguments.next();
                }
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        return new LaunchOptions(infraOnly, inMemory, productionJvm, bindAddress, help);
    }
}
