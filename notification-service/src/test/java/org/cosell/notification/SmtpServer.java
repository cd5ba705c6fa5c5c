package org.cosell.notification;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One real SMTP server (GreenMail) for the whole test JVM, on a port chosen once, so it can be
 * stopped and started again on the same port to play an outage. Deliveries are looked up by SMTP
 * envelope recipient (GreenMail's mailbox), not by header, so a recipient smuggled into a header
 * such as Bcc would show; and deliveries from before a restart are kept, so "exactly once" counts
 * across restarts.
 */
final class SmtpServer {

    private static final int PORT = freePort();
    private static final List<Delivery> deliveredBeforeRestarts = new ArrayList<>();
    private static GreenMail server = started();

    private SmtpServer() {
    }

    /** One message in one recipient's mailbox. */
    record Delivery(String recipient, MimeMessage message) {
    }

    static int port() {
        return PORT;
    }

    static synchronized void stop() {
        deliveredBeforeRestarts.addAll(deliveries(server));
        server.stop();
    }

    static synchronized void start() {
        if (!server.isRunning()) {
            server = started();
        }
    }

    /** Every message delivered to {@code address} so far, in arrival order. */
    static List<MimeMessage> messagesTo(String address) {
        return deliveredTo(recipient -> recipient.equalsIgnoreCase(address));
    }

    /** Every message delivered to any mailbox at {@code domain}. */
    static List<MimeMessage> messagesToDomain(String domain) {
        return deliveredTo(recipient -> recipient.toLowerCase(Locale.ROOT).endsWith("@" + domain));
    }

    private static synchronized List<MimeMessage> deliveredTo(Predicate<String> recipient) {
        List<Delivery> all = new ArrayList<>(deliveredBeforeRestarts);
        all.addAll(deliveries(server));
        return all.stream().filter(delivery -> recipient.test(delivery.recipient())).map(Delivery::message).toList();
    }

    private static List<Delivery> deliveries(GreenMail greenMail) {
        List<Delivery> deliveries = new ArrayList<>();
        try {
            for (GreenMailUser user : greenMail.getUserManager().listUser()) {
                for (StoredMessage stored : greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
                    deliveries.add(new Delivery(user.getEmail(), stored.getMimeMessage()));
                }
            }
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
        return deliveries;
    }

    private static GreenMail started() {
        GreenMail greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
