package org.cosell.faults;

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
 * must not count against the stack on a machine of two cores. What it prints, a line a call
 * ({@code call <status> <ms> <refused-properly>}) and a last line ({@code took <ms>}), the case reads.
 */
final class Burst {

    private Burst() {
    }

    static void run(String url, int count, int inFlight, List<String> tokens, PrintStream out) throws Exception {
        Api api = new Api();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        long started = System.nanoTime();
        try {
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
            for (Future<String> call : calls) {
                out.println(call.get());
            }
        } finally {
            pool.shutdownNow();
        }
        out.println("took " + (System.nanoTime() - started) / 1_000_000);
        out.flush();
    }
}
