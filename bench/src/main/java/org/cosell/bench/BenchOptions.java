package org.cosell.bench;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run measures and how hard.
 *
 * @param referrals     referrals offered in the ingest benchmark
 * @param only          the benchmarks to run; all of them when empty
 * @param attach        measure a stack that is already running instead of starting the launcher
 * @param launcherJar   the launcher started unless attaching
 * @param output        where the JSON results go
 * @param concurrency   requests in flight in the gateway benchmark
 * @param seconds       how long the gateway benchmark measures each side
 * @param rate          requests per second of each REST call in the latency benchmark
 * @param rateSeconds   how long the latency benchmark holds that rate
 * @param outcomes      deals marked won in the outcome latency benchmark
 */
record BenchOptions(int referrals, Set<String> only, boolean attach, String launcherJar, String output,
                    int concurrency, int seconds, int rate, int rateSeconds, int outcomes, boolean help) {

    static final List<String> BENCHMARKS = List.of("footprint", "ingest", "gateway", "rest", "outcome", "portal", "export",
            "timers");

    static final String USAGE = """
            Usage: java -jar bench/target/cosell-bench.jar [options]

            Starts the local launcher (java -jar local/target/cosell-local.jar --in-memory --production-jvm), measures the real
            system beside its references, prints the figures as it goes and as a table, writes them as JSON,
            stops the launcher. Run from the repository root after ./mvnw -q -DskipTests package.

              --referrals <n>      referrals offered in the ingest benchmark (default 100000)
              --only <a,b,...>     run only these of: footprint, ingest, gateway, rest, outcome, portal, export, timers
              --attach             measure an already running stack (ports 9092, 27017, 8080-8085)
              --launcher <jar>     the launcher jar (default local/target/cosell-local.jar)
              --output <file>      the JSON results (default bench/target/bench-results.json)
              --concurrency <n>    requests in flight in the gateway benchmark (default 16)
              --seconds <n>        seconds measured per side in the gateway benchmark, and with one
                                   request in flight (default 15)
              --rate <n>           requests/s of each REST call in the latency benchmark (default 50)
              --rate-seconds <n>   seconds that rate is held (default 20)
              --outcomes <n>       deals marked won in the outcome latency benchmark (default 300)""";

    static BenchOptions defaults() {
        return new BenchOptions(100_000, Set.of(), false, "local/target/cosell-local.jar",
                "bench/target/bench-results.json", 16, 15, 50, 20, 300, false);
    }

    static BenchOptions parse(String... args) {
        BenchOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help", "-h" -> options = options.with(flag, "true");
                case "--attach" -> options = options.with(flag, "true");
                case "--referrals", "--only", "--launcher", "--output", "--concurrency", "--seconds", "--rate",
                     "--rate-seconds", "--outcomes" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(flag + " needs a value");
                    }
                    options = options.with(flag, args[++i]);
                }
                default -> throw new IllegalArgumentException("Unknown option: " + flag);
            }
        }
        return options;
    }

    boolean runs(String benchmark) {
        return only.isEmpty() || only.contains(benchmark);
    }

    /** Whether a benchmark that calls the services' API runs: all but footprint and timers do. */
    boolean callsApi() {
        return BENCHMARKS.stream().filter(this::runs)
                .anyMatch(name -> !name.equals(FootprintBenchmark.NAME) && !name.equals(TimersBenchmark.NAME));
    }

    /**
     * Whether the timers run on a stack of their own, started once the other benchmarks' stack is stopped. Those
     * that call the API leave their data in the launcher's database server (the ingest's referrals, 230,000 by
     * default, and what the services made of them), and the timers' million beside it ran the launcher out of
     * memory. On a fresh stack the timers meet what {@code --only timers} gives them, whatever else the run
     * measures. A stack the harness attached to is not its to restart.
     */
    boolean timersOnAFreshStack() {
        return !attach && runs(TimersBenchmark.NAME) && callsApi();
    }

    private BenchOptions with(String flag, String value) {
        return switch (flag) {
            case "--help", "-h" -> new BenchOptions(referrals, only, attach, launcherJar, output, concurrency, seconds,
                    rate, rateSeconds, outcomes, true);
            case "--attach" -> new BenchOptions(referrals, only, true, launcherJar, output, concurrency, seconds, rate,
                    rateSeconds, outcomes, help);
            case "--referrals" -> new BenchOptions(positive(flag, value), only, attach, launcherJar, output,
                    concurrency, seconds, rate, rateSeconds, outcomes, help);
            case "--only" -> new BenchOptions(referrals, benchmarks(value), attach, launcherJar, output, concurrency,
                    seconds, rate, rateSeconds, outcomes, help);
            case "--launcher" -> new BenchOptions(referrals, only, attach, value, output, concurrency, seconds, rate,
                    rateSeconds, outcomes, help);
            case "--output" -> new BenchOptions(referrals, only, attach, launcherJar, value, concurrency, seconds, rate,
                    rateSeconds, outcomes, help);
            case "--concurrency" -> new BenchOptions(referrals, only, attach, launcherJar, output,
                    positive(flag, value), seconds, rate, rateSeconds, outcomes, help);
            case "--seconds" -> new BenchOptions(referrals, only, attach, launcherJar, output, concurrency,
                    positive(flag, value), rate, rateSeconds, outcomes, help);
            case "--rate" -> new BenchOptions(referrals, only, attach, launcherJar, output, concurrency, seconds,
                    positive(flag, value), rateSeconds, outcomes, help);
            case "--rate-seconds" -> new BenchOptions(referrals, only, attach, launcherJar, output, concurrency,
                    seconds, rate, positive(flag, value), outcomes, help);
            case "--outcomes" -> new BenchOptions(referrals, only, attach, launcherJar, output, concurrency, seconds,
                    rate, rateSeconds, positive(flag, value), help);
            default -> throw new IllegalArgumentException("Unknown option: " + flag);
        };
    }

    private static int positive(String flag, String value) {
        String digits = value.replace("_", "").replace(",", "");
        if (!digits.matches("\\d{1,9}") || Integer.parseInt(digits) == 0) {
            throw new IllegalArgumentException(flag + " needs a positive whole number, not " + value);
        }
        return Integer.parseInt(digits);
    }

    private static Set<String> benchmarks(String value) {
        Set<String> names = new LinkedHashSet<>(Arrays.asList(value.split(",")));
        names.removeIf(String::isBlank);
        for (String name : names) {
            if (!BENCHMARKS.contains(name)) {
                throw new IllegalArgumentException("--only takes " + String.join(", ", BENCHMARKS) + ", not " + name);
            }
        }
        return Set.copyOf(names);
    }
}
