package org.cosell.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.Map;

/**
 * The largest request body the gateway takes ({@code MAX_REQUEST_BODY_SIZE}); the largest JSON body
 * any Cosell call needs (a deal with its notes and employees) is a few kilobytes.
 *
 * @param maxSizeByPath the cap of the few calls that take a file instead (deal-service's CSV import,
 *                      {@code MAX_IMPORT_BODY_SIZE}), by request path, in place of {@code maxSize};
 *                      the service checks the same cap again
 */
@ConfigurationProperties("cosell.request-body")
public record RequestBodyLimitProperties(@DefaultValue("256KB") DataSize maxSize, Map<String, DataSize> maxSizeByPath) {

    public RequestBodyLimitProperties {
        maxSizeByPath = maxSizeByPath == null ? Map.of() : Map.copyOf(maxSizeByPath);
    }

    /** The cap of a request to {@code path}. */
    public DataSize maxSizeOf(String path) {
        return maxSizeByPath.getOrDefault(path, maxSize);
    }
}
