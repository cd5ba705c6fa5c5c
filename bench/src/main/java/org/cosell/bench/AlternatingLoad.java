package org.cosell.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.LongFunction;

/**
 * One client with one request in flight, alternating between two ways of making the same call,
 * request by request, for a fixed time. Nothing queues, so each latency is what one call costs by
 * that way; and both ways are measured at the same moments, so a neighbour's burst on a shared machine
 * falls on both alike.
 */
final class AlternatingLoad {

    private AlternatingLoad() {
    }

    record Result(ClosedLoopLoad.Result first, ClosedLoopLoad.Result second) {
    }

    /** {@code first} and {@code second} make their n-th request; a status other than 200 counts as an error. */
    static Result run(HttpClient client, Duration duration, LongFunction<HttpRequest> first,
                      LongFunction<HttpRequest> second) throws InterruptedException {
        Side one = new Side();
        Side other = new Side();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (long n = 0; System.nanoTime() < deadline; n++) {
            one.send(client, first.apply(n));
            other.send(client, second.apply(n));
        }
        long nanos = System.nanoTime() - start;
        return new Result(one.result(nanos), other.result(nanos));
    }

    private static final class Side {

        private final LatencyRecorder latency = new LatencyRecorder();
        private long ok;
        private long errors;

        void send(HttpClient client, HttpRequest request) throws InterruptedException {
            long sent = System.nanoTime();
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                latency.recordNanos(System.nanoTime() - sent);
                if (response.statusCode() == 200) {
                    ok++;
                } else {
                    errors++;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                errors++;
            }
        }

        ClosedLoopLoad.Result result(long nanos) {
            return new ClosedLoopLoad.Result(ok, errors, nanos, latency.summary());
        }
    }
}
