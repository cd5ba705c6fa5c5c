package org.cosell.notification.mail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"pat@fabrikam.example", "first.last+tag@sub.fabrikam.example", "a@localhost"})
    void acceptsPlainAddresses(String address) {
        assertThat(MailAddresses.parse(address)).hasValueSatisfying(
                parsed -> assertThat(parsed.getAddress()).isEqualTo(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "pat", "pat@", "@fabrikam.example", "pat@@fabrikam.example",
            "Pat <pat@fabrikam.example>", "pat@fabrikam.example, eve@attacker.example",
            "pat@fabrikam.example\r\nBcc: eve@attacker.example", "pat@fabrikam.example\nBcc: eve@attacker.example",
            " pat@fabrikam.example", "pat @fabrikam.example", "group: pat@fabrikam.example;", "pat@fabrikam.example\u0000"})
    void refusesAnythingButOnePlainAddress(String address) {
        assertThat(MailAddresses.isValid(address)).isFalse();
    }

    @Test
    void refusesNullAndAddressesLongerThanSmtpAllows() {
        assertThat(MailAddresses.isValid(null)).isFalse();
        assertThat(MailAddresses.isValid("a".repeat(64) + "@" + "b".repeat(186) + ".com")).isFalse();
    }

    @Test
    void flattensLineBreaksAndControlCharactersIntoOneLine() {
        assertThat(MailAddresses.singleLine(" Contoso\r\nBcc: eve@attacker.example\u2028x\tY  z "))
                .isEqualTo("Contoso Bcc: eve@attacker.example x Y z");
        assertThat(MailAddresses.singleLine(null)).isEmpty();
    }

    @Test
    void keysAnAddressIgnoringCase() {
        assertThat(MailAddresses.key("Pat@Fabrikam.Example")).isEqualTo(MailAddresses.key("pat@fabrikam.example"));
    }
}
