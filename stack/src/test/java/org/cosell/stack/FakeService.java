package org.cosell.stack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Stands in for a service jar in tests: prints the environment the launcher gave it (stdout) and a
 * line on stderr, listens on {@code SERVER_PORT} and answers 200 on {@code /actuator/health/readiness}
 * at {@code MANAGEMENT_PORT} only (both on {@code SERVER_ADDRESS}, else localhost), and
 * misbehaves on request: {@code --ignore-sigterm} keeps it alive after SIGTERM, {@code --spawn-child}
 * starts a child process of its own, {@code FAKE_SERVICE_FAIL_PORT} equal to its port makes it exit
 * with code 3 before it is ready, and {@code FAKE_SERVICE_NOT_READY_PORT} equal to its port makes it
 * answer 503 for ever.
 */
public final class FakeService {

    static final List<String> REPORTED_VARIABLES = List.of(
            "SERVER_PORT", "MANAGEMENT_PORT", "SERVER_ADDRESS", "MANAGEMENT_SERVER_ADDRESS", "COSELL_LOCAL_MODE",
            "KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "SMTP_HOST", "SMTP_PORT",
            "DEV_AUTH_ENABLED", "JWT_JWK_SET_URI", "JWT_ISSUER_URI", "COSELL_TEST_MARKER");

    private FakeService() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> environment = System.getenv();
        int port = Integer.parseInt(environment.getOrDefault("SERVER_PORT", "0"));
        StringBuilder reported = new StringBuilder("env");
        for (String name : REPORTED_VARIABLES) {
            reported.append(' ').append(name).append('=').append(environment.get(name));
        }
        System.out.println(reported);
        System.err.println("a line on stderr");
        if (String.valueOf(port).equals(environment.get("FAKE_SERVICE_FAIL_PORT"))) {
            System.err.println("failing on purpose");
            System.exit(3);
        }
        String address = environment.getOrDefault("SERVER_ADDRESS", "localhost");
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        HttpServer management = HttpServer.create(new InetSocketAddress(address,
                Integer.parseInt(environment.getOrDefault("MANAGEMENT_PORT", "0"))), 0);
        boolean neverReady = String.valueOf(port).equals(environment.get("FAKE_SERVICE_NOT_READY_PORT"));
        management.createContext(ReadinessProbe.PATH, exchange -> {
            byte[] body = (neverReady ? "{\"status\":\"OUT_OF_SERVICE\"}" : "{\"status\":\"UP\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(neverReady ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        management.start();
        CountDownLatch never = new CountDownLatch(1);
        for (String arg : args) {
            if (arg.equals("--ignore-sigterm")) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitQuietly(never)));
            } else if (arg.equals("--spawn-child")) {
                ProcessBuilder childBuilder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), FakeService.class.getName())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                childBuilder.environment().put("SERVER_PORT", "0");
                childBuilder.environment().put("MANAGEMENT_PORT", "0");
                Process child = childBuilder.start();
                System.out.println("child pid=" + child.pid());
            }
        }
        System.out.println("listening on " + server.getAddress().getPort());
        never.await();
    }

    /** Starts a fake service the way the launcher starts a real one, with {@code extraEnvironment} added. */
    static ChildProcess launch(String name, int port, Map<String, String> extraEnvironment, Consumer<String> output,
                               String... arguments) throws IOException {
        List<String> command = command(arguments);
        Map<String, String> environment = new HashMap<>(extraEnvironment);
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.put("PATH", System.getenv("PATH"));
        ChildProcess service = new ChildProcess(name, command, environment, Path.of("").toAbsolutePath(),
                ProcessOutput.lines("[" + name + "] ", output));
        service.start();
        return service;
    }

    /** {@code java -cp <this test's class path> FakeService <arguments>}. */
    static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FakeService.class.getName()));
        command.addAll(List.of(arguments));
        return command;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
