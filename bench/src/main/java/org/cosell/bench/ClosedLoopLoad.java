package org.cosell.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A fixed number of clients, each sending its next request as soon as the last one answered, for a
 * fixed time: the most a server answers at that concurrency, with the latency of each answer.
 */
final class ClosedLoopLoad {

    private ClosedLoopLoad() {
    }

    record Result(long ok, long errors, long nanos, LatencyRecorder.Summary latency) {

        double perSecond() {
            return Rates.perSecond(ok, nanos);
        }
    }

    /** {@code request} makes the n-th request; a status other than 200 counts as an error. */
    static Result run(HttpClient client, int concurrency, Duration duration, LongFunction<HttpRequest> request)
            throws InterruptedException {
        LatencyRecorder latency = new LatencyRecorder();
        AtomicLong sequence = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    HttpRequest next = request.apply(sequence.getAndIncrement());
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(next, HttpResponse.BodyHandlers.discarding());
                        latency.recordNanos(System.nanoTime() - sent);
                        (response.statusCode() == 200 ? ok : errors).incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "closed-loop-" + i);
            thread.start();
            clients.add(thread);
        }
        for (Thread thread : clients) {
            thread.join();
        }
        return new Result(ok.get(), errors.get(), System.nanoTime() - start, latency.summary());
    }
}
