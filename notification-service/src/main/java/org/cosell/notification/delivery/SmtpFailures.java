package org.cosell.notification.delivery;

import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells a refusal by the mail server from an outage. Only an SMTP reply says "refused": 5xx for
 * good, 4xx for now, and a recipient the server would not take. Everything else — no connection, a
 * dropped one, a timeout, failed authentication — is the server being unavailable, and the mail
 * waits for it.
 */
final class SmtpFailures {

    private static final int PERMANENT_REPLY = 500;

    private SmtpFailures() {
    }

    static RuntimeException classify(MailException failure) {
        if (failure instanceof MailParseException || failure instanceof MailPreparationException) {
            return new MailRefusedException(true, "The message could not be built: " + failure.getMessage(), failure);
        }
        for (Throwable cause : causes(failure)) {
            if (cause instanceof SMTPSendFailedException sendFailed) {
                return refused(sendFailed.getReturnCode(), sendFailed.getMessage(), failure);
            }
            if (cause instanceof SMTPAddressFailedException addressFailed) {
                return refused(addressFailed.getReturnCode(), addressFailed.getMessage(), failure);
            }
            if (cause instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                    && sendFailed.getInvalidAddresses().length > 0) {
                return new MailRefusedException(true, "The server refused the recipient: " + sendFailed.getMessage(),
                        failure);
            }
        }
        return new SmtpUnavailableException("The mail server is unavailable: " + rootMessage(failure), failure);
    }

    private static MailRefusedException refused(int replyCode, String message, MailException failure) {
        String reply = message == null ? Integer.toString(replyCode) : message.strip();
        return new MailRefusedException(replyCode >= PERMANENT_REPLY, "The server refused the mail: " + reply, failure);
    }

    private static List<Throwable> causes(MailException failure) {
        List<Throwable> causes = new ArrayList<>();
        List<Throwable> roots = new ArrayList<>();
        roots.add(failure);
        if (failure instanceof MailSendException sendFailure) {
            roots.addAll(List.of(sendFailure.getMessageExceptions()));
        }
        for (Throwable root : roots) {
            for (Throwable cause = root; cause != null && !causes.contains(cause); cause = next(cause)) {
                causes.add(cause);
            }
        }
        return causes;
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof jakarta.mail.MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return cause.getCause();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (next(root) != null && next(root) != root) {
            root = next(root);
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
