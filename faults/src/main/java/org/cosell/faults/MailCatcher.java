package org.cosell.faults;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.UserException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.cosell.stack.SmtpSink;

/**
 * The stack's SMTP sink, which notification-service sends to, run inside the suite so that a case
 * can stop it and start it again on the same port, and read every delivered mail as the MimeMessage
 * the server received, one delivery per recipient.
 */
final class MailCatcher implements AutoCloseable {

    /** One mail as delivered to one recipient (the SMTP envelope's RCPT TO), with its decoded text. */
    record Delivery(String recipient, MimeMessage message, MailText text) {

        String subject() {
            try {
                return message.getSubject();
            } catch (MessagingException e) {
                return "(unreadable subject)";
            }
        }
    }

    private final List<Delivery> deliveries = new ArrayList<>();
    private SmtpSink server;

    void start() throws UserException, FolderException {
        server = SmtpSink.start((message, recipient) -> {
            try {
                MimeMessage copy = new MimeMessage(message.getMessage());
                record(new Delivery(recipient, copy, MailText.of(copy)));
            } catch (MessagingException e) {
                throw new IllegalStateException("Unreadable mail to " + recipient, e);
            }
        });
    }

    /** The mail server goes away: new connections are refused until {@link #start()}. */
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
    boolean isRunning() {
        return server != null;
    }

    private synchronized void record(Delivery delivery) {
        deliveries.add(delivery);
    }

    synchronized List<Delivery> deliveries(Predicate<Delivery> which) {
        return deliveries.stream().filter(which).toList();
    }

    @Override
    public void close() {
        stop();
    }
}
