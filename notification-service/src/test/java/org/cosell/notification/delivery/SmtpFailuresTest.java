package org.cosell.notification.delivery;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;

import java.net.ConnectException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpFailuresTest {

    @Test
    void aServerThatCannotBeReachedIsUnavailable() {
        MessagingException refused = new MessagingException("Couldn't connect to host", new ConnectException("refused"));
        MailSendException failure = new MailSendException("Mail server connection failed", refused, Map.of(new Object(), refused));

        assertThat(SmtpFailures.classify(failure)).isInstanceOf(SmtpUnavailableException.class)
                .hasMessageContaining("refused");
        assertThat(SmtpFailures.classify(new MailAuthenticationException("bad password")))
                .isInstanceOf(SmtpUnavailableException.class);
    }

    @Test
    void aPermanentSmtpReplyRefusesTheMailForGood() throws Exception {
        SMTPSendFailedException rejected = new SMTPSendFailedException("DATA", 554, "554 5.7.1 Message rejected", null,
                null, null, null);

        RuntimeException classified = SmtpFailures.classify(sendFailure(rejected));

        assertThat(classified).isInstanceOfSatisfying(MailRefusedException.class,
                refused -> assertThat(refused.permanent()).isTrue()).hasMessageContaining("554 5.7.1");
    }

    @Test
    void aTemporarySmtpReplyRefusesTheMailForNow() throws Exception {
        SMTPAddressFailedException busy = new SMTPAddressFailedException(new InternetAddress("pat@fabrikam.example"),
                "RCPT TO", 452, "452 4.2.2 Mailbox full");
        SendFailedException wrapper = new SendFailedException("Invalid Addresses", busy, null, null, null);

        RuntimeException classified = SmtpFailures.classify(sendFailure(wrapper));

        assertThat(classified).isInstanceOfSatisfying(MailRefusedException.class,
                refused -> assertThat(refused.permanent()).isFalse());
    }

    @Test
    void aRecipientTheServerWouldNotTakeIsRefusedForGood() throws Exception {
        Address[] invalid = {new InternetAddress("nobody@fabrikam.example")};
        SendFailedException unknownUser = new SendFailedException("Invalid Addresses", null, new Address[0], new Address[0],
                invalid);

        assertThat(SmtpFailures.classify(sendFailure(unknownUser))).isInstanceOfSatisfying(MailRefusedException.class,
                refused -> assertThat(refused.permanent()).isTrue());
    }

    @Test
    void aMessageThatCannotBeBuiltIsRefusedForGood() {
        assertThat(SmtpFailures.classify(new MailParseException("bad"))).isInstanceOfSatisfying(
                MailRefusedException.class, refused -> assertThat(refused.permanent()).isTrue());
    }

    private static MailSendException sendFailure(Exception cause) {
        return new MailSendException(Map.of(new Object(), cause));
    }
}
