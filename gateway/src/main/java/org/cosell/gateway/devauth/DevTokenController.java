package org.cosell.gateway.devauth;

import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Exists only with dev auth on; otherwise both paths answer 404 like any unknown path. */
@RestController
@ConditionalOnBooleanProperty(DevAuthConfiguration.ENABLED_PROPERTY)
class DevTokenController {

    private final DevTokenIssuer issuer;

    DevTokenController(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping(path = "/dev/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    DevTokenResponse issueToken(@Valid @RequestBody DevTokenRequest request) {
        return new DevTokenResponse(issuer.issue(request));
    }

    @GetMapping(path = "/dev/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> jwks() {
        return issuer.publicJwkSet().toJSONObject();
    }
}
