package org.cosell.faults;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/** The decoded plain-text and HTML parts of a mail. */
record MailText(String plain, String html) {

    static MailText of(Part mail) {
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder();
        try {
            collect(mail, plain, html);
        } catch (MessagingException | IOException e) {
            plain.append("(unreadable: ").append(e).append(')');
        }
        return new MailText(plain.toString(), html.toString());
    }

    private static void collect(Part part, StringBuilder plain, StringBuilder html) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            plain.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, plain, html);
            }
        }
    }

    boolean mentions(String text) {
        return plain.contains(text) || html.contains(text);
    }
}
