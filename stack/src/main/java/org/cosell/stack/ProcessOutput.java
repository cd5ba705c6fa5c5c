package org.cosell.stack;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Where a {@link ChildProcess} writes, stdout and stderr alike. */
public sealed interface ProcessOutput {

    /** Each line, with {@code prefix} in front, handed to {@code lines} as the process writes it. */
    static ProcessOutput lines(String prefix, Consumer<String> lines) {
        return new Lines(prefix, lines);
    }

    /** Appended to {@code file}, across restarts of the process. */
    static ProcessOutput appendedTo(Path file) {
        return new LogFile(file);
    }

    /** Where to look for what the process said, for a message about it. */
    String whereToLook();

    record Lines(String prefix, Consumer<String> consumer) implements ProcessOutput {

        @Override
        public String whereToLook() {
            return "its " + prefix.strip() + " lines above";
        }
    }

    record LogFile(Path file) implements ProcessOutput {

        @Override
        public String whereToLook() {
            return file.toString();
        }
    }
}
