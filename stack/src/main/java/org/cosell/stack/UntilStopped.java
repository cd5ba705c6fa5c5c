package org.cosell.stack;

import java.util.concurrent.CountDownLatch;

/** Keeps a process that runs one component alive until SIGTERM, then closes the component before the JVM exits. */
final class UntilStopped {

    private UntilStopped() {
    }

    static void run(AutoCloseable component, String readyLine) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                component.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "stop-on-sigterm"));
        System.out.println(readyLine);
        closed.await();
    }
}
