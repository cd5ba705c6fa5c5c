package org.cosell.gateway.limits;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.cosell.gateway.problem.ProblemDetailWriter;
import reactor.netty.NettyPipeline;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses an {@code /api/**} call over its rate limit as soon as its request head is read, in the
 * connection's Netty pipeline before the HTTP server hands it to the web stack, when its bearer token
 * is one the gateway has already accepted. A partner flooding the gateway then costs it a header
 * parse, a cache look-up and a short write per refused call, and another partner's call that shares
 * the event loop does not wait behind the web stack's work for each of them (an exchange, an
 * observation with its trace span, two filter chains: about a millisecond of CPU a call on two
 * cores, where this is a few microseconds).
 *
 * <p>The answer is {@link RateLimitFilter}'s own, with the headers the security chain gives every
 * answer, so a caller cannot tell which of the two refused it. It only ever refuses: a token it does
 * not know (new, forged, expired, or one without a role that may call the API) goes the full way, so
 * only a valid token counts against a partner's limits, and a call that is forwarded has passed every
 * check and is counted by {@link RateLimitFilter} once. It answers only where that keeps HTTP/1.1's
 * order: when no earlier request of the connection is still being answered, and not a request that
 * waits for {@code 100 Continue}. Such refusals are counted by {@code cosell.gateway.rate.limited},
 * not by {@code http.server.requests}, and have no trace span.
 */
public final class EarlyRefusals {

    private static final String HANDLER_NAME = "cosell.earlyRateLimitRefusal";

    private static final String API_PATHS = "/api/";

    private static final String BEARER = "Bearer ";

    /**
     * What Spring Security's default header writers add to every answer of the gateway over plain
     * HTTP: the refusals written here would otherwise differ from the security chain's.
     */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate",
            HttpHeaders.PRAGMA, "no-cache",
            HttpHeaders.EXPIRES, "0",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "X-XSS-Protection", "0",
            "Referrer-Policy", "no-referrer");

    private final Function<String, Optional<Jwt>> acceptedTokens;

    private final Function<Jwt, Optional<RateLimitFilter.Refusal>> refusals;

    private final ProblemDetailWriter problems;

    EarlyRefusals(Function<String, Optional<Jwt>> acceptedTokens,
                  Function<Jwt, Optional<RateLimitFilter.Refusal>> refusals, ProblemDetailWriter problems) {
        this.acceptedTokens = acceptedTokens;
        this.refusals = refusals;
        this.problems = problems;
    }

    /**
     * @param acceptedTokens a compact token's claims when the gateway has already accepted it and it
     *        may call the API; empty for any other
     */
    public static EarlyRefusals of(RateLimitFilter limits, Function<String, Optional<Jwt>> acceptedTokens,
                                   ProblemDetailWriter problems) {
        return new EarlyRefusals(acceptedTokens, limits::refusal, problems);
    }

    /** Puts a refusing handler of its own on an HTTP/1.1 connection, right after its codec. */
    public void addTo(ChannelPipeline pipeline) {
        if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
            pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new ConnectionHandler());
        }
    }

    /** The 429 for this request, when its token is accepted and over a limit; empty for any other. */
    Optional<FullHttpResponse> refusalOf(HttpRequest request, ByteBufAllocator allocator) {
        String uri = request.uri();
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (!uri.startsWith(API_PATHS) || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || request.headers().contains(HttpHeaderNames.EXPECT)) {
            return Optional.empty();
        }
        return acceptedTokens.apply(authorization.substring(BEARER.length()))
                .flatMap(refusals)
                .map(refusal -> response(refusal, pathOf(uri), allocator));
    }

    private FullHttpResponse response(RateLimitFilter.Refusal refusal, String path, ByteBufAllocator allocator) {
        ByteBuf body = NettyDataBufferFactory.toByteBuf(
                problems.encode(refusal.problem(), path, new NettyDataBufferFactory(allocator)));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(refusal.problem().getStatus()), body);
        refusal.headers().forEach((name, values) -> response.headers().add(name, values));
        SECURITY_HEADERS.forEach((name, value) -> response.headers().set(name, value));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        HttpUtil.setContentLength(response, body.readableBytes());
        return response;
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /**
     * One connection's: counts the requests passed on whose answer has not been written to the end,
     * and drops the body of a request it refused. Reactor Netty reads a connection only when asked
     * (auto-read off), so what this handler keeps from it, it asks the next bytes for itself.
     */
    private final class ConnectionHandler extends ChannelDuplexHandler {

        private int answersOwed;

        private boolean finalAnswerUnderWay;

        private boolean droppingBody;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (droppingBody && message instanceof HttpContent) {
                droppingBody = !(message instanceof LastHttpContent);
                ReferenceCountUtil.release(message);
                context.read();
                return;
            }
            if (message instanceof HttpRequest request) {
                Optional<FullHttpResponse> refusal = answersOwed == 0 && request.decoderResult().isSuccess()
                        ? refusalOf(request, context.alloc()) : Optional.empty();
                if (refusal.isPresent()) {
                    refuse(context, request, refusal.get());
                    return;
                }
                answersOwed++;
            }
            context.fireChannelRead(message);
        }

        private void refuse(ChannelHandlerContext context, HttpRequest request, FullHttpResponse refusal) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            droppingBody = !(request instanceof LastHttpContent);
            ReferenceCountUtil.release(request);
            HttpUtil.setKeepAlive(refusal, keepAlive);
            if (keepAlive) {
                context.writeAndFlush(refusal);
                // Reactor Netty reads a connection on demand: what it was not handed, it will not ask more for
                context.read();
            }
            else {
                context.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof HttpResponse response) {
                finalAnswerUnderWay = response.status().codeClass() != HttpStatusClass.INFORMATIONAL;
            }
            if (message instanceof LastHttpContent && finalAnswerUnderWay) {
                finalAnswerUnderWay = false;
                answersOwed--;
            }
            context.write(message, promise);
        }
    }
}
