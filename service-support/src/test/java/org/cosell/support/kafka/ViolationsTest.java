package org.cosell.support.kafka;

import org.cosell.contracts.Limits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViolationsTest {

    @Test
    void namesEveryViolationUnderDataInTheOrderFound() {
        Violations violations = new Violations()
                .required("dealId", null)
                .text("seller.name", " ", Limits.NAME)
                .optionalText("notes", "x".repeat(Limits.NOTES + 1), Limits.NOTES)
                .mpnId("partnerId", "MPN-1")
                .email("contact.email", "ada(at)contoso")
                .requiredEmail("sender.email", null);

        assertThat(violations.list()).containsExactly("data.dealId: is required", "data.seller.name: is required",
                "data.notes: must be at most " + Limits.NOTES + " characters",
                "data.partnerId: must be an MPN id (digits)", "data.contact.email: must be an e-mail address",
                "data.sender.email: is required");
        assertThatThrownBy(violations::throwIfAny).isInstanceOf(InvalidEventException.class)
                .hasMessage(String.join("; ", violations.list()));
    }

    @Test
    void whatMeetsTheRulesIsNoViolation() {
        Violations violations = new Violations()
                .required("dealId", 42)
                .text("seller.name", "Sam", Limits.NAME)
                .optionalText("notes", null, Limits.NOTES)
                .mpnId("partnerId", "4412345")
                .email("contact.email", null)
                .requiredEmail("sender.email", "sam@microsoft.example");

        assertThat(violations.list()).isEmpty();
        violations.throwIfAny();
    }

    @Test
    void anEmailAddressHasAnAtSignAndADottedDomainNoSpacesAndAtMostTheLimitsLength() {
        assertThat(Violations.isEmailAddress("sam@microsoft.example")).isTrue();
        assertThat(Violations.isEmailAddress("sam@localhost")).isFalse();
        assertThat(Violations.isEmailAddress("sam smith@microsoft.example")).isFalse();
        assertThat(Violations.isEmailAddress("")).isFalse();
        assertThat(Violations.isEmailAddress(null)).isFalse();
        assertThat(Violations.isEmailAddress("s".repeat(Limits.EMAIL) + "@microsoft.example")).isFalse();
    }

    @Test
    void aRuleThatNeedsAFieldStopsAtTheFirstItLacks() {
        assertThat(Violations.require("dealId", "d-1")).isEqualTo("d-1");
        assertThat(Violations.requireMpnId("partnerId", "4412345")).isEqualTo("4412345");
        assertThatThrownBy(() -> Violations.require("respondBy", " ")).isInstanceOf(InvalidEventException.class)
                .hasMessage("data.respondBy: is required");
        assertThatThrownBy(() -> Violations.requireMpnId("partnerId", "MPN-1")).isInstanceOf(InvalidEventException.class)
                .hasMessage("data.partnerId: must be an MPN id (digits)");
    }
}
