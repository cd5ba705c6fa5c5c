package org.cosell.faults;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The busy partner of {@link RateLimitCase}: {@code count} GETs of {@code url}, {@code inFlight} at a
 * time, taking the tokens in turn. It runs as a process of its own, which the case starts at the
 * lowest CPU priority: a flooding partner's client runs on that partner's machines, so its own CPU
 * must not count against the stack on a machine of two cores.
 *
 * <p>It first sends the same burst {@code warmUpBursts} times with the warm-up tokens (another
 * partner's), printing {@code warm <ms>} after each, and {@code ready}; then it waits for a line on its
 * standard input before the burst that is measured:
 * by then the gateway has compiled the paths of a burst (refused and forwarded calls at this
 * concurrency) and this client has its JVM started, its code compiled and its connections open, so
 * that what the quiet partner meets is the burst, not two JVMs warming up. For the measured burst it
 * prints a line a call ({@code call <status> <ms> <refused-properly>}) and a last line
 * ({@code took <ms>}), which the case reads.
 */
final class Burst {

    private final Api api = new Api();

    private final String url;

    private final int count;

    private final ExecutorService pool;

    private Burst(String url, int count, int inFlight) {
        this.url = url;
        this.count = count;
        this.pool = Executors.newFixedThreadPool(inFlight);
    }

    static void run(String url, int count, int inFlight, List<String> tokens, int warmUpBursts,
            List<String> warmUpTokens, BufferedReader go, PrintStream out) throws Exception {
        Burst burst = new Burst(url, count, inFlight);
        try {
            for (int round = 0; round < warmUpBursts; round++) {
                long started = System.nanoTime();
                burst.send(warmUpTokens);
                out.println("warm " + (System.nanoTime() - started) / 1_000_000);
                out.flush();
            }
            out.println("ready");
            out.flush();
            if (go.readLine() == null) {
                return;
            }
            long started = System.nanoTime();
            for (String call : burst.send(tokens)) {
                out.println(call);
            }
            out.println("took " + (System.nanoTime() - started) / 1_000_000);
            out.flush();
        } finally {
            burst.pool.shutdownNow();
        }
    }

    private List<String> send(List<String> tokens) throws Exception {
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = tokens.get(i % tokens.size());
            calls.add(pool.submit(() -> {
                long sent = System.nanoTime();
                Api.Response response = api.get(url, token);
                long millis = (System.nanoTime() - sent) / 1_000_000;
                boolean refusedProperly = response.isProblem()
                        && !response.headers().getOrDefault("retry-after", List.of()).isEmpty();
                return "call " + response.status() + " " + millis + " " + (refusedProperly ? 1 : 0);
            }));
        }
        List<String> answers = new ArrayList<>();
        for (Future<String> call : calls) {
            answers.add(call.get());
        }
        return answers;
    }
}
