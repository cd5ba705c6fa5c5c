package org.cosell.gateway.server;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 connection on a plain socket, for what an HTTP client library hides: several requests written
 * at once (pipelined) and their answers read one by one, nothing of the next consumed.
 */
public final class RawHttpConnection implements Closeable {

    private final Socket socket;

    private final OutputStream out;

    private final InputStream in;

    public RawHttpConnection(int port, Duration readTimeout) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    public static String get(String path, String bearerToken) {
        return "GET " + path + " HTTP/1.1\r\nHost: gateway\r\n"
                + (bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n") + "\r\n";
    }

    /** Writes the requests in one go. */
    public void send(String... requests) throws IOException {
        out.write(String.join("", requests).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * The next answer, head and body (of a {@code Content-Length} or chunked); a {@link
     * java.net.SocketTimeoutException} when none comes within the read timeout.
     */
    public String readAnswer() throws IOException {
        String head = readLinesUntilBlank();
        Optional<String> contentLength = header(head, "content-length");
        if (contentLength.isPresent()) {
            return head + new String(in.readNBytes(Integer.parseInt(contentLength.get())), StandardCharsets.UTF_8);
        }
        if (header(head, "transfer-encoding").filter("chunked"::equalsIgnoreCase).isEmpty()) {
            return head;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.write(in.readNBytes(size));
            readLine();
        }
        readLine();
        return head + body.toString(StandardCharsets.UTF_8);
    }

    private int chunkSize() throws IOException {
        return Integer.parseInt(readLine().split(";")[0].trim(), 16);
    }

    private String readLinesUntilBlank() throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            head.append(line).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new IOException("the connection was closed after: " + line);
            }
            if (next != '\r') {
                line.append((char) next);
            }
        }
        return line.toString();
    }

    private static Optional<String> header(String head, String name) {
        return head.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim())
                .findFirst();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
