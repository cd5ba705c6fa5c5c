package org.cosell.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The golden JSON sample of every event type, shipped with the contract so that producer and
 * consumer tests in every service read the same bytes.
 */
public final class GoldenSamples {

    private GoldenSamples() {
    }

    public static String json(EventType type) {
        String resource = "samples/" + type.id() + ".json";
        try (InputStream in = GoldenSamples.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No golden sample " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
