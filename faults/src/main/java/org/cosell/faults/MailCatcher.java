package org.cosell.faults;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The SMTP server notification-service sends to (port 2525), run inside the suite so that a case
 * can stop it and start it again on the same port, and read every delivered mail as the MimeMessage
 * the server received, one delivery per recipient.
 */
final class MailCatcher implements AutoCloseable {

    static final int PORT = 2525;

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
    private GreenMail server;

    void start() throws UserException, FolderException {
        GreenMail greenMail = new GreenMail(new ServerSetup(PORT, "localhost", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        GreenMailUser sink = greenMail.getUserManager().createUser("sink@localhost", "sink", "sink");
        MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(sink);
        greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            try {
                MimeMessage copy = new MimeMessage(message.getMessage());
                record(new Delivery(recipient.getEmail(), copy, MailText.of(copy)));
            } catch (MessagingException e) {
                throw new IllegalStateException("Unreadable mail to " + recipient.getEmail(), e);
            }
            inbox.deleteAllMessages();
            return sink;
        });
        server = greenMail;
    }

    /** The mail server goes away: new connections are refused until {@link #start()}. */
    void stop() {
        if (server != null) {
            server.stop();
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
