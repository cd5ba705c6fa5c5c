package org.cosell.gateway.limits;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cosell.gateway.problem.ProblemDetailWriter;
import org.cosell.gateway.security.TokenValidators;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Limits authenticated {@code /api/**} calls per partner and per user (OWASP API4, unrestricted
 * resource consumption) with a {@link Bucket} each, kept in a bounded cache. A call takes one token
 * from the user's bucket and one from the partner's; when either is empty the call is refused 429
 * problem+json with {@code Retry-After} before it reaches a service. Every limited response carries
 * the {@code RateLimit-Policy} and {@code RateLimit} fields (IETF draft-ietf-httpapi-ratelimit-headers):
 * {@code "partner";q=<burst>;w=<seconds to refill>} and {@code "user";...}, and the quota left with
 * the seconds until it is whole again ({@code r}, {@code t}). On top, at most {@code partnerInFlight}
 * calls of one partner are forwarded at once; one more is refused 429 with {@code Retry-After: 1}
 * (problem {@code limit} {@code partner-in-flight}) and gives its tokens back. A burst the buckets
 * allow (100 calls at once by default) would otherwise take every worker of a service, and another
 * partner's calls would wait behind it.
 *
 * <p>Runs after authentication (Spring Security's filter chain is at -100), so only a valid token
 * counts, and the buckets are named by what its signature vouches for. A user's bucket is keyed by
 * partner and {@code sub} together: the same {@code sub} at two partners is two users. A call that
 * would be refused can be refused earlier, before the web stack's work, once its token is known to be
 * valid ({@link #refusal}, used by {@link EarlyRefusals}); what is forwarded always passed the
 * chain and is counted here.
 */
@Component
@ConditionalOnBooleanProperty(name = "cosell.rate-limit.enabled", matchIfMissing = true)
public class RateLimitFilter implements WebFilter, Ordered {

    static final String POLICY_HEADER = "RateLimit-Policy";

    static final String STATE_HEADER = "RateLimit";

    private final RateLimitProperties.Limit partnerLimit;

    private final RateLimitProperties.Limit userLimit;

    private final LoadingCache<String, Bucket> partnerBuckets;

    private final LoadingCache<String, Bucket> userBuckets;

    private final LoadingCache<String, Semaphore> partnerCallsInFlight;

    private final int partnerInFlight;

    private final String policy;

    private final ProblemDetailWriter problemWriter;

    private final Counter refusedForPartner;

    private final Counter refusedForUser;

    private final Counter refusedForPartnerInFlight;

    RateLimitFilter(RateLimitProperties properties, ProblemDetailWriter problemWriter, MeterRegistry meters) {
        this.partnerLimit = properties.partner();
        this.userLimit = properties.user();
        this.partnerBuckets = buckets(properties, partnerLimit);
        this.userBuckets = buckets(properties, userLimit);
        this.partnerInFlight = properties.partnerInFlight();
        this.partnerCallsInFlight = Caffeine.newBuilder()
                .maximumSize(properties.maxTrackedKeys())
                .expireAfterAccess(properties.idleExpiry())
                .build(partner -> new Semaphore(partnerInFlight));
        this.policy = "\"partner\";q=%d;w=%d, \"user\";q=%d;w=%d".formatted(partnerLimit.burst(),
                partnerLimit.windowSeconds(), userLimit.burst(), userLimit.windowSeconds());
        this.problemWriter = problemWriter;
        this.refusedForPartner = refusedCounter(meters, "partner");
        this.refusedForUser = refusedCounter(meters, "user");
        this.refusedForPartnerInFlight = refusedCounter(meters, "partner-in-flight");
    }

    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(token -> Optional.of((JwtAuthenticationToken) token))
                .defaultIfEmpty(Optional.empty())
                .flatMap(token -> token.map(jwt -> limit(exchange, chain, jwt)).orElseGet(() -> chain.filter(exchange)));
    }

    private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, JwtAuthenticationToken token) {
        String partnerId = partnerOf(token.getToken());
        String user = userOf(token.getToken());
        ConsumptionProbe userProbe = userBuckets.get(user).tryConsumeAndReturnRemaining(1);
        if (!userProbe.isConsumed()) {
            return refuse(exchange, refusalForUser(userProbe.getNanosToWaitForRefill()));
        }
        Bucket partnerBucket = partnerBuckets.get(partnerId);
        ConsumptionProbe partnerProbe = partnerBucket.tryConsumeAndReturnRemaining(1);
        if (!partnerProbe.isConsumed()) {
            // the user's token goes back: the call was not made, and the user's own quota is not what ran out
            userBuckets.get(user).addTokens(1);
            return refuse(exchange, refusalForPartner(partnerProbe.getNanosToWaitForRefill()));
        }
        Semaphore inFlight = partnerCallsInFlight.get(partnerId);
        if (!inFlight.tryAcquire()) {
            // the tokens go back: the call was not made
            userBuckets.get(user).addTokens(1);
            partnerBucket.addTokens(1);
            return refuse(exchange, refusalInFlight());
        }
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(POLICY_HEADER, policy);
        headers.set(STATE_HEADER, "\"partner\";r=%d;t=%d, \"user\";r=%d;t=%d".formatted(
                partnerProbe.getRemainingTokens(), seconds(partnerProbe.getNanosToWaitForReset()),
                userProbe.getRemainingTokens(), seconds(userProbe.getNanosToWaitForReset())));
        return chain.filter(exchange).doFinally(signal -> inFlight.release());
    }

    /**
     * The refusal {@link #filter} would give a call with this valid token now, if any, without taking
     * a token or a place in flight: a refused call leaves the buckets as they were either way, so
     * refusing here or there is the same to the limits and to the caller.
     */
    Optional<Refusal> refusal(Jwt token) {
        String partnerId = partnerOf(token);
        EstimationProbe userProbe = userBuckets.get(userOf(token)).estimateAbilityToConsume(1);
        if (!userProbe.canBeConsumed()) {
            return Optional.of(refusalForUser(userProbe.getNanosToWaitForRefill()));
        }
        EstimationProbe partnerProbe = partnerBuckets.get(partnerId).estimateAbilityToConsume(1);
        if (!partnerProbe.canBeConsumed()) {
            return Optional.of(refusalForPartner(partnerProbe.getNanosToWaitForRefill()));
        }
        if (partnerCallsInFlight.get(partnerId).availablePermits() == 0) {
            return Optional.of(refusalInFlight());
        }
        return Optional.empty();
    }

    private static String partnerOf(Jwt token) {
        return token.getClaimAsString(TokenValidators.PARTNER_ID_CLAIM);
    }

    private static String userOf(Jwt token) {
        return partnerOf(token) + '/' + token.getSubject();
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Refusal refusal) {
        exchange.getResponse().getHeaders().putAll(refusal.headers());
        return problemWriter.write(exchange, refusal.problem());
    }

    private Refusal refusalForUser(long nanosToWaitForRefill) {
        refusedForUser.increment();
        return refusalForQuota("user", nanosToWaitForRefill, "this user");
    }

    private Refusal refusalForPartner(long nanosToWaitForRefill) {
        refusedForPartner.increment();
        return refusalForQuota("partner", nanosToWaitForRefill, "this partner");
    }

    private Refusal refusalInFlight() {
        refusedForPartnerInFlight.increment();
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        headers.set(POLICY_HEADER, policy);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many calls of this partner at once (at most " + partnerInFlight + "); retry after 1 s");
        problem.setProperty("limit", "partner-in-flight");
        return new Refusal(headers, problem);
    }

    private Refusal refusalForQuota(String policyName, long nanosToWaitForRefill, String whose) {
        long retryAfter = Math.max(1, seconds(nanosToWaitForRefill));
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
        headers.set(POLICY_HEADER, policy);
        headers.set(STATE_HEADER, "\"%s\";r=0;t=%d".formatted(policyName, retryAfter));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests for " + whose + "; retry after " + retryAfter + " s");
        problem.setProperty("limit", policyName);
        return new Refusal(headers, problem);
    }

    private static long seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1);
    }

    private static LoadingCache<String, Bucket> buckets(RateLimitProperties properties, RateLimitProperties.Limit limit) {
        Function<String, Bucket> newBucket = key -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.burst())
                        .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1)))
                .build();
        return Caffeine.newBuilder()
                .maximumSize(properties.maxTrackedKeys())
                .expireAfterAccess(properties.idleExpiry())
                .build(newBucket::apply);
    }

    private static Counter refusedCounter(MeterRegistry meters, String limit) {
        return Counter.builder("cosell.gateway.rate.limited")
                .description("API calls the gateway refused 429 because a partner's or user's rate limit, or the partner's calls in flight, were reached")
                .tag("limit", limit)
                .register(meters);
    }

    /** A 429: its {@code Retry-After} and {@code RateLimit*} fields, and its problem. */
    record Refusal(HttpHeaders headers, ProblemDetail problem) {
    }
}
