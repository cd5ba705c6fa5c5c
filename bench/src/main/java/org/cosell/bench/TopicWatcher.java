package org.cosell.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.List;

/**
 * Reads a topic from its end as it was when the watcher was made, handing every record that arrives
 * afterwards, with the moment it arrived, to a handler on its own thread. The end is fixed before
 * the constructor returns, so nothing produced afterwards is missed.
 */
final class TopicWatcher implements AutoCloseable {

    /** Receives each record and {@link System#nanoTime()} when it was polled. */
    interface Handler {
        void accept(ConsumerRecord<String, String> record, long arrivedNanos);
    }

    private final KafkaConsumer<String, String> consumer = KafkaClients.reader();
    private final Handler handler;
    private final Thread thread;
    private volatile boolean running = true;

    TopicWatcher(String topic, Handler handler) {
        this.handler = handler;
        List<TopicPartition> partitions = KafkaClients.partitionsOf(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::poll, "watch-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    handler.accept(record, System.nanoTime());
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poll: the watcher is done
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
