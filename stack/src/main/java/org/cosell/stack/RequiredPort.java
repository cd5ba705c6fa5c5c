package org.cosell.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A port the stack is about to listen on, and what needs it, so a port already taken can be
 * reported before anything starts.
 */
public record RequiredPort(int port, String neededBy) {

    /** The broker's, the database's, the SMTP sink's if it runs one, and each service's API and management ports. */
    public static List<RequiredPort> forStack(List<CosellService> services, boolean smtpSink) {
        List<RequiredPort> required = new ArrayList<>();
        required.add(new RequiredPort(KafkaBroker.PORT, "the Kafka broker"));
        required.add(new RequiredPort(KafkaBroker.CONTROLLER_PORT, "the Kafka controller"));
        required.add(new RequiredPort(EmbeddedMongo.PORT, "the MongoDB-compatible server"));
        if (smtpSink) {
            required.add(new RequiredPort(SmtpSink.PORT, "the SMTP sink"));
        }
        services.forEach(service -> {
            required.add(new RequiredPort(service.port(), service.name()));
            required.add(new RequiredPort(service.managementPort(), service.name() + " (management)"));
        });
        return List.copyOf(required);
    }

    /** The ports of {@code required} that something else listens on already. */
    public static List<RequiredPort> taken(List<RequiredPort> required) {
        return required.stream().filter(port -> !isFree(port.port())).toList();
    }

    /**
     * Whether nothing listens on {@code port}, on any local address. Binding the wildcard address
     * fails when anything listens on that port, loopback included; sockets in TIME_WAIT do not count.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String describe() {
        return "port " + port + " is in use; " + neededBy + " needs it";
    }
}
