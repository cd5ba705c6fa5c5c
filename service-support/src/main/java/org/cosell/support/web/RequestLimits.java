package org.cosell.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.Map;

/**
 * How much one service takes in: the largest request body ({@code MAX_REQUEST_BODY_SIZE}) and how
 * many {@code /api/**} requests it works on at once ({@code MAX_CONCURRENT_REQUESTS}).
 *
 * @param maxBodySize           a larger body answers 413 before it is read (or as soon as a chunked
 *                              body goes past it); the API's largest valid body is a few KB
 * @param maxConcurrentRequests the API requests admitted at once; the next ones answer 503 at once,
 *                              so those admitted finish well inside the gateway's time limit
 * @param maxBodySizeByPath     the cap of the few calls that take files rather than a JSON body
 *                              (deal-service's CSV import), by request path, in place of
 *                              {@code maxBodySize}
 */
@ConfigurationProperties("cosell.http")
public record RequestLimits(@DefaultValue("256KB") DataSize maxBodySize,
                            @DefaultValue("32") int maxConcurrentRequests,
                            Map<String, DataSize> maxBodySizeByPath) {

    public RequestLimits {
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("MAX_REQUEST_BODY_SIZE must be positive, not " + maxBodySize);
        }
        maxBodySizeByPath = maxBodySizeByPath == null ? Map.of() : Map.copyOf(maxBodySizeByPath);
        maxBodySizeByPath.forEach((path, size) -> {
            if (size.toBytes() <= 0) {
                throw new IllegalArgumentException("The body size cap of " + path + " must be positive, not " + size);
            }
        });
        if (maxConcurrentRequests <= 0) {
            throw new IllegalArgumentException("MAX_CONCURRENT_REQUESTS must be positive, not " + maxConcurrentRequests);
        }
    }
}
