package org.cosell.notification;

import java.util.UUID;

/** Mail addresses no other test uses, so one SMTP server serves every test. */
final class Mailboxes {

    private Mailboxes() {
    }

    static String unique(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 12) + "@partner.example";
    }
}
