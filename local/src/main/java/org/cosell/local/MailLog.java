package org.cosell.local;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the launcher's SMTP sink does with a mail: one log line per mail and recipient (from, to, subject). */
final class MailLog {

    private static final Logger log = LoggerFactory.getLogger(MailLog.class);

    private MailLog() {
    }

    static void delivered(MovingMessage message, String recipient) {
        log.info("mail from={} to={} subject=\"{}\"", sender(message), recipient, subject(message));
    }

    private static String sender(MovingMessage message) {
        try {
            Address[] from = message.getMessage().getFrom();
            if (from != null && from.length > 0) {
                return printable(InternetAddress.toUnicodeString(from));
            }
        } catch (MessagingException e) {
            log.debug("Unreadable From header", e);
        }
        MailAddress returnPath = message.getReturnPath();
        return returnPath == null ? "<>" : printable(returnPath.getEmail());
    }

    private static String subject(MovingMessage message) {
        try {
            MimeMessage mime = message.getMessage();
            String subject = mime.getSubject();
            return subject == null ? "" : printable(subject);
        } catch (MessagingException e) {
            return "(unreadable)";
        }
    }

    /** Keeps a mail header from breaking the log line: control characters become spaces. */
    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }
}
