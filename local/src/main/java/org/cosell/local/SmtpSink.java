package org.cosell.local;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server on localhost that accepts every mail, logs one line per mail and recipient
 * (from, to, subject), and keeps nothing: each delivery replaces the previous one in a single
 * mailbox, so a long session sending many mails does not grow the launcher's memory.
 */
final class SmtpSink implements AutoCloseable {

    static final int PORT = 2525;

    private static final Logger log = LoggerFactory.getLogger(SmtpSink.class);

    private final GreenMail greenMail;

    private SmtpSink(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static SmtpSink start() throws UserException, FolderException {
        GreenMail greenMail = new GreenMail(new ServerSetup(PORT, "localhost", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        try {
            GreenMailUser sink = greenMail.getUserManager().createUser("sink@localhost", "sink", "sink");
            MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(sink);
            greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
                log.info("mail from={} to={} subject=\"{}\"", sender(message), recipient.getEmail(), subject(message));
                inbox.deleteAllMessages();
                return sink;
            });
        } catch (RuntimeException | UserException | FolderException e) {
            greenMail.stop();
            throw e;
        }
        return new SmtpSink(greenMail);
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

    @Override
    public void close() {
        greenMail.stop();
    }
}
