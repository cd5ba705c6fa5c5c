package org.cosell.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Caps every request body, so no client can make a service buffer or parse more than
 * {@link RequestLimits#maxBodySize()}, or its path's own cap ({@link RequestLimits#maxBodySizeByPath()}):
 * a {@code Content-Length} above it answers 413 problem+json before anything is read, and a body
 * without one (chunked) fails with {@link RequestBodyTooLargeException} the moment a read goes past
 * the limit, which answers 413 too.
 * Tomcat has no such limit of its own for anything but form posts.
 * <p>
 * A chunked body left unread (refused, or too large) is the one case Tomcat cannot end cleanly:
 * after the response it reads on to the body's end only up to its swallow limit (2 MB), then drops
 * the connection before the response's last chunk is out, and the client sees a broken answer. So the
 * response to a chunked request is sent whole, with its length, before Tomcat gets there, and the
 * connection is closed after it when the body was not read to its end.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final Map<String, Long> limitByPath;
    private final JsonMapper jsonMapper;

    /** @param limitByPath the limit of the requests to these paths (within the context path), in bytes */
    public RequestBodyLimitFilter(long defaultLimit, Map<String, Long> limitByPath, JsonMapper jsonMapper) {
        this.defaultLimit = defaultLimit;
        this.limitByPath = Map.copyOf(limitByPath);
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = limitByPath.getOrDefault(path, defaultLimit);
        if (request.getContentLengthLong() > limit) {
            Problems.writeAndClose(response, tooLarge(limit), jsonMapper);
            return;
        }
        LimitedBodyRequest limited = new LimitedBodyRequest(request, limit);
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            chain.doFilter(limited, response);
            return;
        }
        ContentCachingResponseWrapper whole = new ContentCachingResponseWrapper(response);
        chain.doFilter(limited, whole);
        if (!limited.bodyFinished()) {
            whole.setHeader(HttpHeaders.CONNECTION, "close");
        }
        whole.copyBodyToResponse();
        response.flushBuffer();
    }

    static ProblemDetail tooLarge(long limit) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "The request body must not be larger than " + limit + " bytes");
    }

    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream body;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new LimitedInputStream(super.getInputStream(), limit);
            }
            return body;
        }

        /** Whether the body was read to its end; a body nobody read is not. */
        boolean bodyFinished() {
            return body != null && body.isFinished();
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int next = delegate.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestBodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new RequestBodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
