package org.cosell.gateway.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.cosell.contracts.ProblemType;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes an RFC 9457 problem as {@code application/problem+json} from places that have no controller
 * return value to do it: security entry points and exception handlers. It uses the application's own
 * codecs, so problems look the same wherever they come from. A problem without a type of its own gets
 * its status's {@link ProblemType}, as the services' problems do.
 */
@Component
public class ProblemDetailWriter {

    /** RFC 9457: a problem whose status code says it all; Spring's default type. */
    private static final URI BLANK_TYPE = URI.create("about:blank");

    private static final ResolvableType PROBLEM_DETAIL = ResolvableType.forClass(ProblemDetail.class);

    private final HttpMessageWriter<ProblemDetail> writer;

    private final Encoder<ProblemDetail> encoder;

    public ProblemDetailWriter(ServerCodecConfigurer codecs) {
        this.writer = problemDetailWriter(codecs.getWriters());
        if (!(writer instanceof EncoderHttpMessageWriter<ProblemDetail> encoding)) {
            throw new IllegalStateException("The application/problem+json writer has no encoder: " + writer);
        }
        this.encoder = encoding.getEncoder();
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        complete(problem, exchange.getRequest().getPath().value());
        exchange.getResponse().setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        return writer.write(Mono.just(problem), PROBLEM_DETAIL, MediaType.APPLICATION_PROBLEM_JSON,
                exchange.getResponse(), Map.of());
    }

    /**
     * The body {@link #write} would give this problem for a request of this path, for an answer written
     * outside the web stack.
     */
    public DataBuffer encode(ProblemDetail problem, String path, DataBufferFactory buffers) {
        complete(problem, path);
        return encoder.encodeValue(problem, buffers, PROBLEM_DETAIL, MediaType.APPLICATION_PROBLEM_JSON, Map.of());
    }

    private static void complete(ProblemDetail problem, String path) {
        if (problem.getType() == null || BLANK_TYPE.equals(problem.getType())) {
            problem.setType(ProblemType.forStatus(problem.getStatus()).map(ProblemType::uri).orElse(BLANK_TYPE));
        }
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(path));
        }
    }

    @SuppressWarnings("unchecked")
    private static HttpMessageWriter<ProblemDetail> problemDetailWriter(List<HttpMessageWriter<?>> writers) {
        return (HttpMessageWriter<ProblemDetail>) writers.stream()
                .filter(candidate -> candidate.canWrite(PROBLEM_DETAIL, MediaType.APPLICATION_PROBLEM_JSON))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No codec writes application/problem+json"));
    }
}
