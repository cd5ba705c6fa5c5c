package org.cosell.contracts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md's table of problem types lists exactly the types the code answers, with their statuses. */
class ProblemTypesDocumentedTest {

    /** A row of the table: {@code | `urn:cosell:problem:<slug>` | <status>[, <status>] | <when> |}. */
    private static final Pattern ROW = Pattern.compile("^\\| `(urn:[^`]+)` \\| ([0-9, ]+) \\|", Pattern.MULTILINE);

    @Test
    void theApiDocumentListsEveryProblemTypeWithItsStatus() throws IOException {
        String api = Files.readString(repositoryRoot().resolve("docs/api.md"));
        Map<String, String> documented = new TreeMap<>();
        Matcher row = ROW.matcher(api);
        while (row.find()) {
            documented.put(row.group(1), row.group(2).split(",")[0].strip());
        }

        Map<String, String> answered = Arrays.stream(ProblemType.values()).collect(Collectors.toMap(
                type -> type.uri().toString(), type -> Integer.toString(type.status()), (a, b) -> a, TreeMap::new));
        assertThat(documented).isEqualTo(answered);
    }

    @Test
    void eachStatusHasOneDefaultTypeOfThatStatus() {
        for (ProblemType type : ProblemType.values()) {
            assertThat(ProblemType.forStatus(type.status())).as(type.name())
                    .hasValueSatisfying(fallback -> assertThat(fallback.status()).isEqualTo(type.status()));
            assertThat(type.uri().toString()).startsWith(ProblemType.URI_PREFIX).endsWith(type.slug());
        }
        assertThat(ProblemType.forStatus(400)).contains(ProblemType.MALFORMED_REQUEST);
        assertThat(ProblemType.forStatus(409)).contains(ProblemType.CONFLICT);
        assertThat(ProblemType.forStatus(504)).contains(ProblemType.OUTCOME_UNKNOWN);
        assertThat(ProblemType.forStatus(418)).isEmpty();
    }

    /** The repository root: the nearest directory at or above this module that holds the Maven wrapper. */
    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("repository root above %s", Path.of("").toAbsolutePath()).isNotNull();
        return directory;
    }
}
