package org.cosell.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Requests sent at a steady rate whatever the server does (open loop): each has its intended send
 * time on a fixed schedule, and its latency runs from that time, not from when it actually left. A
 * server that stalls therefore shows the stall in every request that should have been sent
 * meanwhile, instead of hiding it (coordinated omission).
 */
final class OpenLoopLoad {

    private OpenLoopLoad() {
    }

    /** One kind of request: {@code request} makes the n-th; {@code expectedStatus} is success. */
    record Stream(String name, LongFunction<HttpRequest> request, int expectedStatus) {
    }

    /**
     * {@code shed}: refused before any work was done ({@code 503} with {@code Retry-After}: more than a service
     * admits at once, or the gateway's circuit breaker open), which a rate above what the stack can take must
     * meet; {@code latency} is of the successful requests;
     * {@code firstError} describes the first request that failed otherwise (status and body, or the exception),
     * empty if none.
     */
    record Result(String name, long sent, long ok, long shed, long errors, LatencyRecorder.Summary latency,
                  String firstError) {
    }

    /** Sends every stream at {@code perSecond} for {@code duration}, the streams interleaved evenly. */
    static List<Result> run(HttpClient client, List<Stream> streams, int perSecond, Duration duration)
            throws InterruptedException {
        int count = streams.size();
        long period = TimeUnit.SECONDS.toNanos(1) / ((long) perSecond * count);
        long ticks = (long) perSecond * duration.toSeconds() * count;
        List<LatencyRecorder> latencies = new ArrayList<>();
        List<AtomicLong> ok = new ArrayList<>();
        List<AtomicLong> shed = new ArrayList<>();
        List<AtomicLong> errors = new ArrayList<>();
        List<AtomicReference<String>> firstErrors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            latencies.add(new LatencyRecorder());
            ok.add(new AtomicLong());
            shed.add(new AtomicLong());
            errors.add(new AtomicLong());
            firstErrors.add(new AtomicReference<>(""));
        }
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        for (long tick = 0; tick < ticks; tick++) {
            long intended = start + tick * period;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = (int) (tick % count);
            Stream stream = streams.get(index);
            HttpRequest request = stream.request().apply(tick / count);
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long nanos = System.nanoTime() - intended;
                if (failure == null && response.statusCode() == stream.expectedStatus()) {
                    latencies.get(index).recordNanos(nanos);
                    ok.get(index).incrementAndGet();
                } else if (failure == null && response.statusCode() == 503
                        && response.headers().firstValue("Retry-After").isPresent()) {
                    shed.get(index).incrementAndGet();
                } else {
                    errors.get(index).incrementAndGet();
                    firstErrors.get(index).compareAndSet("", describe(response, failure));
                }
            }));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception stragglers) {
            // failed and unanswered requests are counted as errors below
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long sent = ticks / count;
            long answered = ok.get(i).get() + shed.get(i).get() + errors.get(i).get();
            results.add(new Result(streams.get(i).name(), sent, ok.get(i).get(), shed.get(i).get(),
                    errors.get(i).get() + (sent - answered), latencies.get(i).summary(), firstErrors.get(i).get()));
        }
        return results;
    }

    static String describe(HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            return failure.toString();
        }
        String body = response.body() == null ? "" : response.body();
        return response.statusCode() + " " + body.substring(0, Math.min(body.length(), 200));
    }
}
