package org.cosell.faults;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cosell.stack.EmbeddedMongo;
import org.cosell.stack.KafkaBroker;

/**
 * The fault suite of issue #7: starts the real system piece by piece ({@link Stack}), runs every
 * case against it, prints a table and writes {@code faults/target/fault-results.json}. Exit code 0
 * only when every case passed.
 *
 * <pre>
 * java -jar faults/target/cosell-faults.jar [--only name,name] [--skip name,name] [--list]
 * </pre>
 *
 * The same jar runs the stack's broker and database as child processes ({@code broker <dir>},
 * {@code database <dir>}), so that a case can stop and restart them, and the rate-limit case's busy
 * partner ({@code burst <url> <count> <in-flight> <token,...> <warm-up bursts> <warm-up token,...>}).
 */
public final class FaultSuite {

    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("broker")) {
            KafkaBroker.runUntilStopped(Path.of(args[1]));
            return;
        }
        if (args.length == 2 && args[0].equals("database")) {
            EmbeddedMongo.runUntilStopped(Path.of(args[1]));
            return;
        }
        if (args.length == 7 && args[0].equals("burst")) {
            Burst.run(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), List.of(args[4].split(",")),
                    Integer.parseInt(args[5]), List.of(args[6].split(",")), new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    System.out);
            return;
        }
        System.exit(new FaultSuite().run(Arrays.asList(args)));
    }

    static List<FaultCase> cases() {
        return List.of(
                new CrossPartnerCase(),
                new CraftedIdsCase(),
                new TokenCase(),
                new RoleCase(),
                new BodyLimitCase(),
                new RateLimitCase(),
                new MassAssignmentCase(),
                new FuzzedBodiesCase(),
                new MailInjectionCase(),
                new DecisionRaceCase(),
                new SchedulerKillCase(),
                new RedeliveryCase(),
                new SmtpOutageCase(),
                new BrokerRestartCase(),
                new DatabaseRestartCase(),
                new OverloadCase(),
                new PoisonRecordsCase(),
                new OversizedAcceptCase(),
                new OutboxSetAsideCase(),
                new RefusedAmountCase(),
                new DeadLetterPartitionsCase(),
                new ReferralServiceKillCase(),
                new ScaleOutCase());
    }

    private int run(List<String> args) throws Exception {
        List<FaultCase> chosen = choose(args);
        if (chosen == null) {
            return 2;
        }
        if (args.contains("--list")) {
            cases().forEach(c -> System.out.printf("%-26s %-8s %s%n", c.name(), c.kind(), c.description()));
            return 0;
        }
        Path suiteJar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]).toAbsolutePath();
        Path root = suiteJar.getParent().getParent().getParent();
        if (!Files.isDirectory(root.resolve("referral-service"))) {
            root = Path.of("").toAbsolutePath();
        }
        Instant started = Instant.now();
        List<CaseResult> results = new ArrayList<>();
        Stack stack = new Stack(root, suiteJar);
        Thread cleanup = new Thread(stack::close, "stack-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Progress.say("starting the stack from %s", root);
            stack.start();
            for (FaultCase faultCase : chosen) {
                Progress.say("== %s (%s): %s", faultCase.name(), faultCase.kind(), faultCase.description());
                if (faultCase.freshStack() && !results.isEmpty()) {
                    stack.restartFresh();
                }
                stack.useResponseWindow(faultCase.responseWindow());
                stack.useRateLimits(faultCase.rateLimited());
                results.add(runOne(faultCase, stack));
                stack.ensureRunning();
            }
        } finally {
            Progress.say("stopping the stack");
            stack.close();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        ResultsReport.print(results);
        Path json = root.resolve("faults/target/fault-results.json");
        ResultsReport.write(results, json, seconds);
        Progress.say("finished in %.0f s; results in %s", seconds, root.relativize(json));
        return results.stream().allMatch(CaseResult::passed) && results.size() == chosen.size() ? 0 : 1;
    }

    private static CaseResult runOne(FaultCase faultCase, Stack stack) {
        Instant started = Instant.now();
        try {
            return faultCase.run(stack);
        } catch (Exception | AssertionError e) {
            String reason = e.toString().length() > 400 ? e.toString().substring(0, 400) + "..." : e.toString();
            Progress.say("  case %s could not finish: %s", faultCase.name(), reason);
            stack.logFailure(faultCase.name(), e);
            return new CaseResult(faultCase.name(), faultCase.kind(), null, null, null, null, null, false,
                    Duration.between(started, Instant.now()).toMillis() / 1000.0, List.of(),
                    List.of("the case could not finish: " + reason));
        }
    }

    private static List<FaultCase> choose(List<String> args) {
        Set<String> only = option(args, "--only");
        Set<String> skip = option(args, "--skip");
        Set<String> known = cases().stream().map(FaultCase::name).collect(Collectors.toSet());
        for (String name : only == null ? Set.<String>of() : only) {
            if (!known.contains(name)) {
                System.err.println("Unknown case " + name + "; --list shows them");
                return null;
            }
        }
        return cases().stream()
                .filter(c -> only == null || only.contains(c.name()))
                .filter(c -> skip == null || !skip.contains(c.name()))
                .toList();
    }

    private static Set<String> option(List<String> args, String name) {
        int index = args.indexOf(name);
        if (index < 0 || index + 1 >= args.size()) {
            return null;
        }
        return Set.of(args.get(index + 1).split(","));
    }
}
