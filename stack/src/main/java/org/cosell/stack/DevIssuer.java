package org.cosell.stack;

/**
 * The gateway's dev token issuer as the stack uses it: the identity provider of every service when
 * the user names none. The gateway mints tokens at {@link #TOKEN_PATH} and publishes its key at
 * {@link #KEY_SET_PATH}; its tokens name {@link #ISSUER} and {@link #AUDIENCE}.
 */
public final class DevIssuer {

    /** The {@code iss} of the gateway's dev tokens ({@code DevTokenIssuer.ISSUER} in the gateway). */
    public static final String ISSUER = "cosell-local";

    /** The {@code aud} every service and the gateway expect unless {@code JWT_AUDIENCE} says otherwise. */
    public static final String AUDIENCE = "cosell-api";

    public static final String TOKEN_PATH = "/dev/token";

    public static final String KEY_SET_PATH = "/dev/jwks.json";

    /** Where a service on this machine fetches the dev issuer's public key. */
    public static final String KEY_SET_URI = CosellService.GATEWAY.baseUrl() + KEY_SET_PATH;

    private DevIssuer() {
    }
}
