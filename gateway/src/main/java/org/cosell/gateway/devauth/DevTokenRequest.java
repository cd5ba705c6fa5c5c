package org.cosell.gateway.devauth;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record DevTokenRequest(
        @NotBlank @Size(max = 100) String sub,
        @NotNull @Pattern(regexp = "[0-9]{1,20}", message = "must be an MPN id (1 to 20 digits)") String partnerId,
        List<@NotNull @Pattern(regexp = "MPN_PARTNER_ADMIN|REFERRALS_ADMIN",
                message = "must be MPN_PARTNER_ADMIN or REFERRALS_ADMIN") String> roles,
        @Email @Size(max = 254) String email,
        @Size(max = 200) String name) {

    public DevTokenRequest {
        roles = roles == null ? List.of() : roles;
    }
}
