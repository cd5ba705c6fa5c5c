package org.cosell.notification;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;

/** Reads the parts of a received multipart/alternative mail. */
final class MimeContent {

    private MimeContent() {
    }

    static String text(MimeMessage message) throws IOException, MessagingException {
        return part(message, "text/plain");
    }

    static String html(MimeMessage message) throws IOException, MessagingException {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) throws IOException, MessagingException {
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart part = alternative.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("No " + type + " part in " + message.getContentType());
    }
}
