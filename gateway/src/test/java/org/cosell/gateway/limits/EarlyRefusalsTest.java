package org.cosell.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.cosell.gateway.problem.ProblemDetailWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection's handler on the wire, between the HTTP codec and a stand-in for Reactor Netty's
 * traffic handler: what it answers itself, what it passes on, and that answers keep their order.
 */
class EarlyRefusalsTest {

    private static final String OVER_LIMIT = "over-limit";

    private static final String WITHIN_LIMIT = "within-limit";

    private final List<Object> passedOn = new ArrayList<>();

    private int readsAsked;

    private final EmbeddedChannel connection = connection();

    @AfterEach
    void releasePassedOn() {
        passedOn.forEach(ReferenceCountUtil::release);
        connection.finishAndReleaseAll();
    }

    @Test
    void answersAnAcceptedTokenOverItsLimitItselfAndKeepsTheConnection() {
        send("GET /api/deals?page=2 HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + OVER_LIMIT + "\r\n\r\n");

        String answer = answer();
        assertThat(answer).startsWith("HTTP/1.1 429 Too Many Requests\r\n")
                .contains("Retry-After: 3\r\n", "content-type: application/problem+json\r\n",
                        "X-Content-Type-Options: nosniff\r\n")
                .doesNotContainIgnoringCase("connection: close")
                .contains("\"instance\":\"/api/deals\"").endsWith("\"limit\":\"user\"}");
        assertThat(requestsPassedOn()).isEmpty();
        assertThat(connection.isOpen()).isTrue();
        assertThat(readsAsked).as("reads asked of a connection read on demand").isPositive();
    }

    @Test
    void passesOnWhatItMayNotAnswer() {
        List<String> requests = List.of(
                "GET /api/within HTTP/1.1\r\nAuthorization: Bearer " + WITHIN_LIMIT + "\r\n\r\n",
                "GET /api/not-accepted HTTP/1.1\r\nAuthorization: Bearer not-accepted\r\n\r\n",
                "GET /portal HTTP/1.1\r\nAuthorization: Bearer " + OVER_LIMIT + "\r\n\r\n",
                "GET /api/no-token HTTP/1.1\r\n\r\n",
                "GET /api/basic HTTP/1.1\r\nAuthorization: Basic " + OVER_LIMIT + "\r\n\r\n",
                "PUT /api/expecting HTTP/1.1\r\nAuthorization: Bearer " + OVER_LIMIT
                        + "\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}");

        for (String request : requests) {
            send(request);
            String uri = request.split(" ")[1];
            assertThat(requestsPassedOn()).as(uri).extracting(HttpRequest::uri).containsExactly(uri);
            assertThat(answerOk()).as(uri).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void passesOnARequestWhileAnEarlierOneOfItsConnectionIsUnanswered() {
        send("GET /api/first HTTP/1.1\r\nAuthorization: Bearer " + WITHIN_LIMIT + "\r\n\r\n");
        send("GET /api/pipelined HTTP/1.1\r\nAuthorization: Bearer " + OVER_LIMIT + "\r\n\r\n");
        assertThat(requestsPassedOn()).extracting(HttpRequest::uri).containsExactly("/api/first", "/api/pipelined");

        for (int answered = 0; answered < 2; answered++) {
            assertThat(answerOk()).startsWith("HTTP/1.1 200 OK");
        }
        send("GET /api/after HTTP/1.1\r\nAuthorization: Bearer " + OVER_LIMIT + "\r\n\r\n");

        assertThat(answer()).startsWith("HTTP/1.1 429 ");
        assertThat(requestsPassedOn()).isEmpty();
    }

    @Test
    void dropsTheBodyOfARequestItRefusedAndReadsTheNextOne() {
        send("POST /api/deals HTTP/1.1\r\nAuthorization: Bearer " + OVER_LIMIT
                + "\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":");
        send("\"bc\"}GET /api/next HTTP/1.1\r\nAuthorization: Bearer " + WITHIN_LIMIT + "\r\n\r\n");

        assertThat(answer()).startsWith("HTTP/1.1 429 ");
        assertThat(requestsPassedOn()).extracting(HttpRequest::uri).containsExactly("/api/next");
    }

    @Test
    void closesTheConnectionAfterRefusingARequestThatAskedForIt() {
        send("GET /api/deals HTTP/1.1\r\nConnection: close\r\nAuthorization: Bearer " + OVER_LIMIT + "\r\n\r\n");

        assertThat(answer()).startsWith("HTTP/1.1 429 ").containsIgnoringCase("connection: close\r\n");
        assertThat(connection.isOpen()).isFalse();
    }

    private EmbeddedChannel connection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAutoRead(false);
        channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
            @Override
            public void read(ChannelHandlerContext context) {
                readsAsked++;
                context.read();
            }
        });
        channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec());
        channel.pipeline().addLast(NettyPipeline.HttpTrafficHandler, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext context, Object message) {
                passedOn.add(message);
            }
        });
        refusals().addTo(channel.pipeline());
        return channel;
    }

    private static EarlyRefusals refusals() {
        return new EarlyRefusals(
                token -> token.equals(OVER_LIMIT) || token.equals(WITHIN_LIMIT) ? Optional.of(jwt(token)) : Optional.empty(),
                jwt -> jwt.getSubject().equals(OVER_LIMIT) ? Optional.of(userLimitReached()) : Optional.empty(),
                new ProblemDetailWriter(ServerCodecConfigurer.create()));
    }

    private static Jwt jwt(String subject) {
        return new Jwt(subject, Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"), Map.of("sub", subject));
    }

    private static RateLimitFilter.Refusal userLimitReached() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "3");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "Too many requests for this user");
        problem.setProperty("limit", "user");
        return new RateLimitFilter.Refusal(headers, problem);
    }

    /** What the web stack would write for a request passed on: a 200, here. */
    private String answerOk() {
        DefaultFullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setContentLength(ok, 0);
        connection.writeAndFlush(ok);
        return answer();
    }

    private void send(String bytes) {
        connection.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
    }

    /** Everything written to the connection since the last look, as text. */
    private String answer() {
        StringBuilder answer = new StringBuilder();
        for (ByteBuf written = connection.readOutbound(); written != null; written = connection.readOutbound()) {
            answer.append(written.toString(StandardCharsets.ISO_8859_1));
            written.release();
        }
        return answer.toString();
    }

    /** The heads of the requests passed on since the last look. */
    private List<HttpRequest> requestsPassedOn() {
        List<HttpRequest> requests = passedOn.stream().filter(HttpRequest.class::isInstance).map(HttpRequest.class::cast).toList();
        passedOn.forEach(ReferenceCountUtil::release);
        passedOn.clear();
        return requests;
    }
}
