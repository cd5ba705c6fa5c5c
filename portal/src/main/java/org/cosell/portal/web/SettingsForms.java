package org.cosell.portal.web;

import java.util.Arrays;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The forms of the settings page, checked here by the API's own rules before they are sent. */
final class SettingsForms {

    /** The API keeps at most this many referral recipients. */
    static final int MAX_RECIPIENTS = 50;

    private SettingsForms() {
    }

    /** Who receives the partner's referral e-mails: one address a line (commas and semicolons also part them). */
    public static class Recipients {

        private String addresses = "";

        List<String> list() {
            return Arrays.stream(addresses.split("[\\r\\n,;]+")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        }

        public String getAddresses() { return addresses; }
        public void setAddresses(String addresses) { this.addresses = addresses == null ? "" : addresses; }
    }

    /** One of the partner's own solutions for its catalog. */
    public static class NewSolution {

        @NotBlank(message = "{field.required}")
        @Size(max = 200, message = "{field.tooLong}")
        private String name = "";

        private boolean registrationEligible;

        public String getName() { return name; }
        public void setName(String name) { this.name = name == null ? "" : name.strip(); }
        public boolean isRegistrationEligible() { return registrationEligible; }
        public void setRegistrationEligible(boolean registrationEligible) { this.registrationEligible = registrationEligible; }
    }
}
