package org.cosell.stack;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.management.NotificationEmitter;

/**
 * Stands in for a service after its start in {@link StartUpHeapTest}: grows its heap to about 120 MB with what
 * soon becomes garbage, keeps 20 MB live, then prints its committed heap in MB, and again after every collection,
 * until killed.
 */
public final class GrownHeap {

    private GrownHeap() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<byte[]> startUp = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            startUp.add(new byte[1 << 20]);
        }
        List<byte[]> live = new ArrayList<>(startUp.subList(0, 20));
        startUp.clear();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> printCommitted(), null, null);
        }
        printCommitted();
        new CountDownLatch(1).await();
        System.out.println("still holding " + live.size());
    }

    private static void printCommitted() {
        System.out.println("committed " + committedHeapMb());
    }

    private static long committedHeapMb() {
        long committed = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                committed += pool.getUsage().getCommitted();
            }
        }
        return committed >> 20;
    }
}
