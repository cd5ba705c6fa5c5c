package org.cosell.gateway.limits;

import java.util.concurrent.atomic.AtomicLong;

import org.cosell.gateway.problem.ProblemDetailWriter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies above {@link RequestBodyLimitProperties#maxSize()} (or the path's own cap,
 * {@link RequestBodyLimitProperties#maxSizeByPath()}) with 413 problem+json,
 * without holding a body in memory: a declared {@code Content-Length} above the limit is refused
 * before anything is read (the server's HTTP codec never lets a body run past its declared length),
 * and a body of unknown length ({@code Transfer-Encoding: chunked}) is counted as it streams through
 * — to the service or to the gateway's own controllers — and cut off the moment it passes the limit.
 * A service that was being sent such a body sees its connection closed before the body ends, so it
 * never acts on it. Spring Cloud Gateway's own {@code RequestSize} filter checks only
 * {@code Content-Length}, so a chunked body would pass it whatever its size.
 *
 * <p>Runs first, before authentication: refusing an oversized body costs nothing, checking a token
 * costs a signature check.
 */
@Component
class RequestBodyLimitFilter implements WebFilter, Ordered {

    private final RequestBodyLimitProperties limits;

    private final ProblemDetailWriter problemWriter;

    RequestBodyLimitFilter(RequestBodyLimitProperties limits, ProblemDetailWriter problemWriter) {
        this.limits = limits;
        this.problemWriter = problemWriter;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        DataSize limit = limits.maxSizeOf(request.getPath().pathWithinApplication().value());
        long declared = request.getHeaders().getContentLength();
        if (declared > limit.toBytes()) {
            return problemWriter.write(exchange, new RequestBodyTooLargeException(limit).getBody());
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new CountingRequest(request, limit)).build());
    }

    /** A body of unknown length that fails with 413 as soon as more than the limit has arrived. */
    private static final class CountingRequest extends ServerHttpRequestDecorator {

        private final DataSize limit;

        CountingRequest(ServerHttpRequest delegate, DataSize limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong received = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (received.addAndGet(buffer.readableByteCount()) > limit.toBytes()) {
                    DataBufferUtils.release(buffer);
                    sink.error(new RequestBodyTooLargeException(limit));
                    return;
                }
                sink.next(buffer);
            });
        }
    }
}
