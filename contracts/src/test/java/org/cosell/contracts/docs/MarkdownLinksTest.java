package org.cosell.contracts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's documents stand on their own: every relative link of every Markdown file leads
 * to a file of the repository (and to a heading there, when it names one), and no file refers to a
 * document kept outside the repository. Lives in {@code contracts}, the lightest module, so the
 * check runs early in every build.
 */
class MarkdownLinksTest {

    /** Directories that hold build output, installed tools or local data, not documents. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node", "node_modules", "data");
    /** Text files searched for references to documents outside the repository. */
    private static final Pattern TEXT_FILE = Pattern.compile(
            ".*\\.(md|java|ya?ml|xml|properties|json|html|js|css|txt|sh|conf|env\\.example)|Dockerfile|run|\\.env\\.example");
    /** {@code [text](target)} and {@code ![alt](target)}, with an optional title after the target. */
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*])*]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** {@code [label]: target} reference definitions. */
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    /** The two outside texts the contract once lived in, and the folder they were kept in. */
    /** A relative path in any text, code included: {@code ../} once or more, then a name. */
    private static final Pattern PARENT_PATH = Pattern.compile("(?<![\\w./])(?:\\.\\./)+[\\w.-][\\w./-]*");
    private static final Pattern OUTSIDE_DOCUMENT = Pattern.compile("\\b(SPEC|DESIGN)\\.md\\b|\\.\\./shared\\b");

    private final Path root = repositoryRoot();

    @Test
    void everyRelativeLinkOfEveryMarkdownFileLeadsToAFileOfTheRepository() {
        List<Path> documents = files().filter(path -> path.getFileName().toString().endsWith(".md")).toList();
        assertThat(documents).as("Markdown files under %s", root).isNotEmpty();
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            for (Link link : links(document)) {
                String problem = problemOf(document, link.target());
                if (problem != null) {
                    broken.add(root.relativize(document) + ":" + link.line() + ": " + link.target() + " " + problem);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void noPathWrittenInAMarkdownFileLeavesTheRepository() {
        List<String> leaving = new ArrayList<>();
        files().filter(path -> path.getFileName().toString().endsWith(".md")).forEach(document -> {
            List<String> lines = lines(document);
            for (int index = 0; index < lines.size(); index++) {
                Matcher path = PARENT_PATH.matcher(lines.get(index));
                while (path.find()) {
                    if (!document.getParent().resolve(path.group()).normalize().startsWith(root)) {
                        leaving.add(root.relativize(document) + ":" + (index + 1) + ": " + path.group());
                    }
                }
            }
        });
        assertThat(leaving).as("paths leaving the repository").isEmpty();
    }

    @Test
    void noFileRefersToADocumentOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        files().filter(path -> TEXT_FILE.matcher(path.getFileName().toString()).matches()).forEach(file -> {
            List<String> lines = lines(file);
            for (int index = 0; index < lines.size(); index++) {
                Matcher matcher = OUTSIDE_DOCUMENT.matcher(lines.get(index));
                if (matcher.find()) {
                    found.add(root.relativize(file) + ":" + (index + 1) + ": " + matcher.group());
                }
            }
        });
        assertThat(found).as("references to documents outside the repository").isEmpty();
    }

    @Test
    void theCheckFindsABrokenLinkAndALinkLeavingTheRepository() throws IOException {
        Path document = Files.createTempFile(root.resolve("contracts/target"), "links", ".md");
        try {
            Files.writeString(document, """
                    [fine](../../README.md#cosell) and [gone](../../docs/no-such-file.md)
                    ![outside](../../../elsewhere.png) [no heading](../../README.md#no-such-heading)
                    `[in code](nowhere.md)`
                    """);
            List<String> targets = links(document).stream()
                    .filter(link -> problemOf(document, link.target()) != null).map(Link::target).toList();
            assertThat(targets).containsExactly("../../docs/no-such-file.md", "../../../elsewhere.png",
                    "../../README.md#no-such-heading");
        } finally {
            Files.delete(document);
        }
    }

    /** Why {@code target}, linked from {@code document}, does not resolve, or null when it does. */
    private String problemOf(Path document, String target) {
        if (target.isEmpty() || SCHEME.matcher(target).find() || target.startsWith("//")) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? document
                : (path.startsWith("/") ? root.resolve(path.substring(1)) : document.getParent().resolve(path)).normalize();
        if (!resolved.startsWith(root)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return "does not exist";
        }
        if (anchor != null && !anchor.isEmpty() && resolved.getFileName().toString().endsWith(".md")
                && !anchors(resolved).contains(anchor.toLowerCase(Locale.ROOT))) {
            return "names no heading of " + root.relativize(resolved);
        }
        return null;
    }

    /** The anchors GitHub makes of a document's headings (and explicit HTML anchors). */
    private static Set<String> anchors(Path document) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : withoutCode(lines(document))) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return anchors;
    }

    private static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").replace("`", "").toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
    }

    private static List<Link> links(Path document) {
        List<Link> links = new ArrayList<>();
        List<String> lines = withoutCode(lines(document));
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            Matcher inline = INLINE_LINK.matcher(line);
            while (inline.find()) {
                links.add(new Link(index + 1, inline.group(1)));
            }
            Matcher definition = REFERENCE_DEFINITION.matcher(line);
            if (definition.matches()) {
                links.add(new Link(index + 1, definition.group(1)));
            }
        }
        return links;
    }

    /** The lines with fenced code blocks blanked and inline code spans removed, keeping line numbers. */
    private static List<String> withoutCode(List<String> lines) {
        List<String> prose = new ArrayList<>();
        String fence = null;
        for (String line : lines) {
            String trimmed = line.stripLeading();
            if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                prose.add("");
            } else if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                }
                prose.add("");
            } else {
                prose.add(line.replaceAll("(`+)(?:(?!\\1).)+?\\1", ""));
            }
        }
        return prose;
    }

    private Stream<Path> files() {
        List<Path> files = new ArrayList<>();
        collect(root, files);
        return files.stream();
    }

    private static void collect(Path directory, List<Path> files) {
        try (Stream<Path> children = Files.list(directory)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (Files.isDirectory(child)) {
                    if (!name.startsWith(".") && !SKIPPED_DIRECTORIES.contains(name) || name.equals(".ci")) {
                        collect(child, files);
                    }
                } else if (Files.isRegularFile(child)) {
                    files.add(child);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
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

    private record Link(int line, String target) {
    }
}
