package org.cosell.stack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The SMTP server notification-service sends to, on localhost: it accepts every mail without
 * authentication, hands each delivery (one per recipient) to a {@link Deliveries} and keeps nothing
 * itself, so a long session sending many mails does not grow the memory of the JVM it runs in.
 */
public final class SmtpSink implements AutoCloseable {

    public static final int PORT = 2525;

    /** What to do with a mail delivered to one recipient (the SMTP envelope's RCPT TO). */
    @FunctionalInterface
    public interface Deliveries {
        void delivered(MovingMessage message, String recipient);
    }

    private final GreenMail greenMail;

    private SmtpSink(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    public static SmtpSink start(Deliveries deliveries) throws UserException, FolderException {
        GreenMail greenMail = new GreenMail(new ServerSetup(PORT, "localhost", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        try {
            GreenMailUser sink = greenMail.getUserManager().createUser("sink@localhost", "sink", "sink");
            MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(sink);
            greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
                deliveries.delivered(message, recipient.getEmail());
                inbox.deleteAllMessages();
                return sink;
            });
        } catch (RuntimeException | UserException | FolderException e) {
            greenMail.stop();
            throw e;
        }
        return new SmtpSink(greenMail);
    }

    /** Stops listening: new connections are refused. */
    @Override
    public void close() {
        greenMail.stop();
    }
}
