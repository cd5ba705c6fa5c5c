package org.cosell.gateway.server;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cosell.gateway.server.RawHttpConnection.get;

/**
 * A real Reactor Netty server and a client on a plain socket: a request that arrived while the answer before
 * it was still being written, then answered at once, must not leave the connection unread.
 */
class ReadWhenAnsweredTest {

    private static final String SLOW = "/slow";

    private static final String AT_ONCE = "/at-once";

    /** What the handler is for: when this starts to fail, Reactor Netty no longer needs it. */
    @Test
    void withoutItReactorNettyNoLongerReadsAConnectionAfterAQueuedRequestWasAnsweredAtOnce() throws IOException {
        assertThat(nextAnswerOnTheConnection(channel -> { })).as("the third request's answer").isNull();
    }

    @Test
    void withItTheConnectionIsReadAgainOnceEveryRequestIsAnswered() throws IOException {
        assertThat(nextAnswerOnTheConnection(ReadWhenAnswered::addTo)).startsWith("HTTP/1.1 200").endsWith("at once");
    }

    /**
     * Sends a slow request and, right behind it, one answered at once (Reactor Netty queues the second until
     * the first is answered); reads both answers, then sends a third request on the same connection and
     * answers what comes back within a second, {@code null} when nothing does.
     */
    private static String nextAnswerOnTheConnection(Consumer<Channel> init) throws IOException {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .doOnChannelInit((observer, channel, remoteAddress) -> init.accept(channel))
                .handle((request, response) -> request.uri().equals(SLOW)
                        ? response.sendString(Mono.just("slow").delayElement(Duration.ofMillis(200)))
                        : response.sendString(Mono.just("at once")))
                .bindNow();
        try (RawHttpConnection connection = new RawHttpConnection(server.port(), Duration.ofSeconds(1))) {
            connection.send(get(SLOW, null), get(AT_ONCE, null));
            assertThat(connection.readAnswer()).endsWith("slow");
            assertThat(connection.readAnswer()).endsWith("at once");
            connection.send(get(AT_ONCE, null));
            try {
                return connection.readAnswer();
            } catch (SocketTimeoutException nothingCame) {
                return null;
            }
        } finally {
            server.disposeNow();
        }
    }
}
