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

    /** The languages the API writes the partner's mails in. */
    static final List<String> MAIL_LANGUAGES = List.of("en", "it");

    /**
     * Who receives the partner's referral e-mails: one address a line (commas and semicolons also
     * part them); and the language of the mails to the partner's people, none to keep the saved one.
     */
    public static class Recipients {

        private String addresses = "";

        private String language;

        List<String> list() {
            return Arrays.stream(addresses.split("[\\r\\n,;]+")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        }

        public String getAddresses() { return addresses; }
        public void setAddresses(String addresses) { this.addresses = addresses == null ? "" : addresses; }
        public String getLanguage() { return language; }
        public void setLanguage(String language) { this.language = language == null || language.isBlank() ? null : language; }
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
