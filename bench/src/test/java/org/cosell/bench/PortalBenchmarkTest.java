package org.cosell.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class PortalBenchmarkTest {

    private static final URI PAGE = URI.create("http://localhost:8080/opportunities?tab=inbound");

    @Test
    void aFirstLoadCountsTheStylesheetsScriptsAndImagesOfThePageOnItsOwnHost() {
        String html = """
                <link rel="stylesheet" href="/assets/portal.css">
                <script src="/assets/webjars/htmx.org/dist/htmx.min.js" defer></script>
                <img alt="" src="logo.svg"><a href="/opportunities?tab=archived">Archived</a>
                <script src="https://cdn.example/tracker.js"></script><link rel="icon" href="data:,">
                """;

        assertThat(PortalBenchmark.references(PAGE, html, PortalBenchmark.HTML_ASSET)).containsExactly(
                URI.create("http://localhost:8080/assets/portal.css"),
                URI.create("http://localhost:8080/assets/webjars/htmx.org/dist/htmx.min.js"),
                URI.create("http://localhost:8080/logo.svg"));
    }

    @Test
    void aStylesheetsFontsAndImagesCountToo() {
        String css = "@font-face { src: url('fonts/inter.woff2') } .x { background: url(\"/assets/bg.png\") } .y { background: url(data:image/png;base64,AA) }";

        assertThat(PortalBenchmark.references(URI.create("http://localhost:8080/assets/portal.css"), css,
                PortalBenchmark.CSS_ASSET)).containsExactly(URI.create("http://localhost:8080/assets/fonts/inter.woff2"),
                URI.create("http://localhost:8080/assets/bg.png"));
    }
}
