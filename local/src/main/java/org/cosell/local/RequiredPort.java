package org.cosell.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * A port the launcher is about to listen on, and what needs it, so a port already taken can be
 * reported before anything starts.
 */
record RequiredPort(int port, String neededBy) {

    /** The ports of {@code required} that something else listens on already. */
    static List<RequiredPort> taken(List<RequiredPort> required) {
        return required.stream().filter(port -> !isFree(port.port())).toList();
    }

    /**
     * Whether nothing listens on {@code port}, on any local address. Binding the wildcard address
     * fails when anything listens on that port, loopback included; sockets in TIME_WAIT do not count.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String describe() {
        return "port " + port + " is in use; " + neededBy + " needs it";
    }
}
