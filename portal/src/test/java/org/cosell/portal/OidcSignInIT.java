package org.cosell.portal;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.cosell.testidp.OpenIdProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signing in with OpenID Connect end to end: a real OpenID provider (Spring Authorization Server,
 * {@link OpenIdProvider}), the portal with its OIDC sign-in on, and an API that checks the
 * bearer token as the gateway does (signature by the provider's keys, issuer, {@code aud}
 * {@code cosell-api}, an MPN {@code partnerId}, a Cosell role) and answers for the partner the
 * token names. A real HTTP client with a cookie jar follows every redirect and fills in the
 * provider's login form, as a browser would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cosell.portal.dev-sign-in.enabled=false",
        // plain http://127.0.0.1 in the test: a Secure session cookie would never come back
        "cosell.local-mode=true",
        "cosell.portal.oidc.client-id=" + OpenIdProvider.CLIENT_ID,
        "cosell.portal.oidc.client-secret=" + OpenIdProvider.CLIENT_SECRET })
class OidcSignInIT {

    static final OpenIdProvider provider = OpenIdProvider.start();

    static final FakeCosellApi api = FakeCosellApi.start();

    /** The API's token check, as the gateway and the services make it. */
    static final NimbusJwtDecoder gatewayCheck = gatewayCheck();

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("cosell.portal.oidc.issuer-uri", provider::issuer);
        registry.add("cosell.portal.api-url", api::uri);
    }

    @LocalServerPort
    int port;

    private final List<URI> visited = new ArrayList<>();

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @BeforeEach
    void reset() {
        provider.reset();
        api.reset();
        api.on("GET", "/api/opportunities", request -> partnerOf(request)
                .map(partnerId -> FakeCosellApi.Response.json(PortalTestBase.pageJson(1,
                        PortalTestBase.opportunityJson("ACCEPTED", "").replace("Contoso AI pilot", "The deal of partner " + partnerId))))
                .orElseGet(() -> FakeCosellApi.Response.problem(401, "Bearer token missing or invalid")));
        api.on("GET", "/api/opportunities/counts", request -> partnerOf(request)
                .map(partnerId -> FakeCosellApi.Response.json(PortalTestBase.countsJson(0, 0, 0, 1)))
                .orElseGet(() -> FakeCosellApi.Response.problem(401, "Bearer token missing or invalid")));
    }

    @Test
    void signsInAtTheProviderAndWorksThePageItAskedForWithTheAccessTokenIssued() throws Exception {
        HttpResponse<String> page = signIn("/opportunities?tab=archived");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().toString()).isEqualTo(portal("/opportunities?tab=archived"));
        assertThat(page.body()).contains("The deal of partner 4412345", "Ada Lovelace · 4412345");
        List<FakeCosellApi.Request> calls = api.received("GET", "/api/opportunities");
        assertThat(calls).extracting(call -> call.queryParam("tab")).contains("archived");
        List<Jwt> tokens = calls.stream()
                .map(call -> gatewayCheck.decode(call.header("Authorization").substring("Bearer ".length()))).toList();
        assertThat(tokens).extracting(jwt -> jwt.getClaimAsString("partnerId")).containsOnly("4412345");
        Jwt token = tokens.get(0);
        assertThat(token.getIssuer()).hasToString(provider.issuer());
        assertThat(token.getSubject()).isEqualTo(OpenIdProvider.USERNAME);
        assertThat(page.body()).doesNotContain(token.getTokenValue());

        URI authorize = visited.stream().filter(uri -> uri.getPath().equals("/oauth2/authorize")).findFirst().orElseThrow();
        assertThat(authorize.getRawQuery()).contains("code_challenge=", "code_challenge_method=S256",
                "redirect_uri=" + portal("/login/oauth2/code/cosell"));
    }

    @Test
    void refreshesTheAccessTokenBeforeItExpiresAndCallsWithTheNewOne() throws Exception {
        signIn("/opportunities");
        String first = api.last("GET", "/api/opportunities").header("Authorization");

        HttpResponse<String> again = get(portal("/opportunities"));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("The deal of partner 4412345");
        String second = api.last("GET", "/api/opportunities").header("Authorization");
        assertThat(second).isNotEqualTo(first);
        assertThat(gatewayCheck.decode(second.substring("Bearer ".length())).getClaimAsString("partnerId")).isEqualTo("4412345");
        assertThat(provider.accessTokenGrants).startsWith("authorization_code").contains("refresh_token");
    }

    @Test
    void withoutARefreshTokenAnExpiredTokenSendsTheUserToSignInAndBackToThePage() throws Exception {
        provider.issueNoRefreshTokens(Duration.ofSeconds(8));
        signIn("/opportunities?tab=outbound");

        HttpResponse<String> expired = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get(portal("/opportunities?tab=outbound")),
                        page -> page.uri().toString().equals(portal("/sign-in?expired")));

        assertThat(expired.body()).contains("Your session expired");
        assertThat(provider.accessTokenGrants).containsOnly("authorization_code");
        // still signed in at the provider: its link leads straight back, no login form
        HttpResponse<String> back = get(portal(match(expired.body(), "<a class=\"button primary\" href=\"([^\"]+)\"")));
        assertThat(back.uri().toString()).isEqualTo(portal("/opportunities?tab=outbound"));
        assertThat(back.body()).contains("The deal of partner 4412345");
    }

    @Test
    void refusesASignInWhoseAccessTokenTheApiWouldRefuse() throws Exception {
        provider.accessTokenClaims.put("partnerId", "fabrikam");

        HttpResponse<String> page = signIn("/opportunities");

        assertThat(page.uri().toString()).isEqualTo(portal("/sign-in?oidc-failed"));
        assertThat(page.body()).contains("Signing in with your company account did not work");
        assertThat(api.received("GET", "/api/opportunities")).isEmpty();
        assertThat(get(portal("/opportunities")).uri().toString()).isEqualTo(portal("/sign-in"));
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedToo() throws Exception {
        provider.accessTokenClaims.put("aud", List.of("another-app"));

        assertThat(signIn("/opportunities").uri().toString()).isEqualTo(portal("/sign-in?oidc-failed"));
        assertThat(api.received("GET", "/api/opportunities")).isEmpty();
    }

    @Test
    void signingOutEndsTheSessionHereAndAtTheProvider() throws Exception {
        HttpResponse<String> page = signIn("/opportunities");
        String csrf = match(page.body(), "<meta name=\"csrf-token\" content=\"([^\"]+)\"");

        HttpResponse<String> signedOut = browser.send(page(URI.create(portal("/sign-out")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(signedOut.statusCode()).isEqualTo(302);
        String location = signedOut.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(provider.issuer() + "/connect/logout?").contains("id_token_hint=",
                "post_logout_redirect_uri=" + portal("/sign-in?signed-out"));
        assertThat(page.headers().allValues("Content-Security-Policy").get(0)).contains("form-action 'self' " + provider.issuer());
        assertThat(get(portal("/opportunities")).uri().toString()).isEqualTo(portal("/sign-in"));
    }

    /**
     * Asks the portal for {@code path}, follows it to the sign-in page, takes its "company account"
     * link to the provider, signs in there with the login form, and follows the redirects back.
     */
    private HttpResponse<String> signIn(String path) throws Exception {
        HttpResponse<String> signInPage = get(portal(path));
        assertThat(signInPage.uri().toString()).isEqualTo(portal("/sign-in"));
        String link = match(signInPage.body(), "<a class=\"button primary\" href=\"([^\"]+)\"");
        HttpResponse<String> login = get(portal(link));
        assertThat(login.uri().toString()).isEqualTo(provider.issuer() + "/login");
        String csrf = match(login.body(), "name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
        String form = Map.of("username", OpenIdProvider.USERNAME, "password", OpenIdProvider.PASSWORD,
                        "_csrf", csrf).entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> sent = browser.send(page(URI.create(provider.issuer() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return follow(sent);
    }

    /** A GET, following redirects as a browser does (the cookie jar keeps both sites' sessions). */
    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return follow(browser.send(page(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        for (int hops = 0; response.statusCode() / 100 == 3; hops++) {
            assertThat(hops).as("redirects").isLessThan(10);
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            visited.add(next);
            response = browser.send(page(next).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    /** A request for a page, as a browser asks for one. */
    private static HttpRequest.Builder page(URI uri) {
        return HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml");
    }

    private String portal(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String match(String html, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(html);
        assertThat(matcher.find()).as("%s in %s", regex, html).isTrue();
        return matcher.group(1).replace("&amp;", "&");
    }

    /** The partner a call is made for, when its bearer token passes the API's check. */
    private static Optional<String> partnerOf(FakeCosellApi.Request request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        try {
            return Optional.of(gatewayCheck.decode(authorization.substring("Bearer ".length())).getClaimAsString("partnerId"));
        }
        catch (JwtException e) {
            return Optional.empty();
        }
    }

    private static NimbusJwtDecoder gatewayCheck() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(provider.issuer() + "/oauth2/jwks").build();
        // the gateway's TokenValidators, and its roles rule for /api/**
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(provider.issuer()),
                new JwtAudienceValidator("cosell-api"),
                new JwtClaimValidator<Object>("partnerId", partnerId -> partnerId instanceof String id && id.matches("[0-9]{1,20}"))),
                new JwtClaimValidator<List<String>>("roles", roles -> roles != null
                        && (roles.contains("REFERRALS_ADMIN") || roles.contains("MPN_PARTNER_ADMIN")))));
        return decoder;
    }
}
