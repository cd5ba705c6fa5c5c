package org.cosell.gateway.devauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import org.cosell.gateway.security.JwtProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DevAuthConfigurationTest {

    final DevAuthConfiguration configuration = new DevAuthConfiguration();

    final JwtProperties jwt = new JwtProperties(null, null, "cosell-api");

    @Test
    void warnsThatAnybodyCanMintTokensOutsideLocalMode(CapturedOutput output) throws JOSEException {
        RSAKey key = configuration.devSigningKey();

        configuration.devTokenIssuer(key, jwt, false);

        assertThat(output.getOut()).contains("WARN").contains("anybody who can reach POST /dev/token can mint an admin token");
    }

    @Test
    void staysQuietInLocalMode(CapturedOutput output) throws JOSEException {
        RSAKey key = configuration.devSigningKey();

        configuration.devTokenIssuer(key, jwt, true);

        assertThat(output.getOut()).doesNotContain("can mint an admin token");
    }
}
