package org.cosell.notification.mail;

/** A mail ready to send: a one-line subject, and the same message as plain text and as HTML. */
public record RenderedMail(String subject, String text, String html) {
}
