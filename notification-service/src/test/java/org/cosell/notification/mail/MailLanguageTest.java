package org.cosell.notification.mail;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class MailLanguageTest {

    @Test
    void theApiAcceptsTheCodeOfEveryLanguageAndNothingElse() {
        assertThat(MailLanguage.CODES).isEqualTo(
                Arrays.stream(MailLanguage.values()).map(MailLanguage::code).collect(Collectors.joining("|")));
        assertThat(MailLanguage.ofCode("it")).contains(MailLanguage.IT);
        assertThat(MailLanguage.ofCode("IT")).isEmpty();
        assertThat(MailLanguage.ofCode(null)).isEmpty();
    }
}
