package org.cosell.contracts;

import java.net.URI;
import java.util.Optional;

/**
 * The {@code type} of every problem+json answer of the API (RFC 9457), one per kind of problem, so a
 * client tells a stage conflict from a version conflict by its type, never by parsing {@code detail}.
 * The URIs are names under {@code urn:cosell:problem:}, not addresses: they do not resolve, and
 * docs/api.md lists them. A new kind of problem gets a new type; a type never changes its meaning.
 */
public enum ProblemType {

    /** 400 with {@code errors}, a list of {@code {field, message}} naming every invalid field. */
    VALIDATION("validation", 400),
    /** 400 without {@code errors}: the body or a header could not be read at all (not JSON, too deeply nested). */
    MALFORMED_REQUEST("malformed-request", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    /** An unknown id, another partner's, or a path the API does not have. */
    NOT_FOUND("not-found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", 406),
    /** A move the resource's current stage does not allow (accepting a declined referral, closing a closed deal). */
    STAGE_CONFLICT("stage-conflict", 409),
    /** The resource kept changing under the call; the same call may succeed when tried again. */
    CONCURRENT_CHANGE("concurrent-change", 409),
    /** Any other state that refuses the call, such as a solution that is already listed. */
    CONFLICT("conflict", 409),
    /** {@code If-Match} names a version that is no longer current. */
    VERSION_CONFLICT("version-conflict", 412),
    CONTENT_TOO_LARGE("content-too-large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
    /** An {@code Idempotency-Key} already used for another request. */
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422),
    /** A call that requires {@code If-Match} came without it. */
    PRECONDITION_REQUIRED("precondition-required", 428),
    RATE_LIMITED("rate-limited", 429),
    INTERNAL_ERROR("internal-error", 500),
    /** The gateway sent the call but got no answer (502, 504): it may have taken effect. */
    OUTCOME_UNKNOWN("outcome-unknown", 502),
    /** Nothing was done; retry after {@code Retry-After}. */
    UNAVAILABLE("unavailable", 503);

    /** What every type's URI starts with. */
    public static final String URI_PREFIX = "urn:cosell:problem:";

    private final String slug;
    private final int status;
    private final URI uri;

    ProblemType(String slug, int status) {
        this.slug = slug;
        this.status = status;
        this.uri = URI.create(URI_PREFIX + slug);
    }

    public URI uri() {
        return uri;
    }

    /** The status this type is answered with (for {@link #OUTCOME_UNKNOWN} also 504). */
    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    /**
     * The type a problem of this status has unless the code that answers it says otherwise: the one
     * type of the status, or for 400 and 409, which have several, the most general one. Empty for a
     * status the API has no type for; such a problem stays {@code about:blank}.
     */
    public static Optional<ProblemType> forStatus(int status) {
        return Optional.ofNullable(switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 409 -> CONFLICT;
            case 502, 504 -> OUTCOME_UNKNOWN;
            default -> {
                for (ProblemType type : values()) {
                    if (type.status == status) {
                        yield type;
                    }
                }
                yield null;
            }
        });
    }
}
