package org.cosell.support.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CallerAuthenticationConverterTest {

    @ParameterizedTest
    @ValueSource(strings = {"4412345", "0", "12345678901234567890"})
    void anMpnIdIsThePartner(String partnerId) {
        Caller caller = CallerAuthenticationConverter.callerOf(jwt(partnerId));

        assertThat(caller.partnerId()).isEqualTo(partnerId);
        assertThat(caller.roles()).containsExactly(Role.REFERRALS_ADMIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "P4412345", "4412345 ", "44-12345", "123456789012345678901", "٤٤١٢٣٤٥"})
    void aPartnerIdThatIsNoMpnIdIsRefused(String partnerId) {
        assertThatExceptionOfType(InvalidBearerTokenException.class)
                .isThrownBy(() -> CallerAuthenticationConverter.callerOf(jwt(partnerId)));
    }

    private static Jwt jwt(String partnerId) {
        return Jwt.withTokenValue("token").header("alg", "RS256").subject("ada").claim("partnerId", partnerId)
                .claim("roles", List.of("REFERRALS_ADMIN", "SOMETHING_ELSE"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }
}
