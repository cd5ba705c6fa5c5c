package org.cosell.faults;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The suite's console: one line per step, with the time, so a long case shows that it moves. */
final class Progress {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Progress() {
    }

    static void say(String format, Object... arguments) {
        System.out.println("[faults " + LocalTime.now().format(TIME) + "] " + String.format(format, arguments));
        System.out.flush();
    }
}
