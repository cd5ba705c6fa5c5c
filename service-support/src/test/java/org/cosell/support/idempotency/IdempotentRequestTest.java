package org.cosell.support.idempotency;

import org.cosell.support.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotentRequestTest {

    private final IdempotentRequest first = IdempotentRequest.of("key-1", "accept referral 1", "{\"name\":\"Pilot\"}");

    @Test
    void theSameKeyCallAndBodyRepeatTheFirstRequest() {
        assertThat(IdempotentRequest.of("key-1", "accept referral 1", "{\"name\":\"Pilot\"}").repeats(first)).isTrue();
    }

    @Test
    void anotherKeyOrNoEarlierRequestIsNoRepeat() {
        assertThat(IdempotentRequest.of("key-2", "accept referral 1", "{\"name\":\"Pilot\"}").repeats(first)).isFalse();
        assertThat(first.repeats(null)).isFalse();
    }

    @Test
    void theKeyWithAnotherCallOrBodyIsRefused() {
        for (IdempotentRequest reuse : new IdempotentRequest[] {
                IdempotentRequest.of("key-1", "decline referral 1", "{\"name\":\"Pilot\"}"),
                IdempotentRequest.of("key-1", "accept referral 2", "{\"name\":\"Pilot\"}"),
                IdempotentRequest.of("key-1", "accept referral 1", "{\"name\":\"Other\"}")}) {
            assertThatThrownBy(() -> reuse.repeats(first)).isInstanceOf(IdempotencyKeyReused.class)
                    .hasMessageContaining("key-1");
        }
    }

    @Test
    void callAndBodyDoNotRunTogether() {
        assertThat(IdempotentRequest.of("k", "accept referral 1\n", "x").fingerprint())
                .isNotEqualTo(IdempotentRequest.of("k", "accept referral 1", "\nx").fingerprint());
    }

    @Test
    void aKeyIsOneToTwoHundredVisibleAsciiCharacters() {
        assertThat(IdempotencyKeys.checkedKey(null)).isNull();
        assertThat(IdempotencyKeys.checkedKey("k".repeat(200))).hasSize(200);
        for (String bad : new String[] {"", " ", "k".repeat(201), "two words", "tab\tkey", "schl\u00fcssel"}) {
            assertThatThrownBy(() -> IdempotencyKeys.checkedKey(bad)).as(bad).isInstanceOf(RuleViolation.class);
        }
    }
}
