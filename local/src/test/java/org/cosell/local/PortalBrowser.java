package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through the ChromeDriver Debian installs next to it (no driver is
 * downloaded). Every page the tour visits is photographed at a desktop and a phone size and checked
 * by axe-core at both; the serious and critical violations are collected for one assertion at the end.
 */
final class PortalBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("cosell.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("cosell.chromedriver", "/usr/bin/chromedriver"));
    static final String INSTALL_HINT = "The portal's browser test needs Chromium and its driver: "
            + "`apt-get install chromium chromium-driver` (Debian/Ubuntu; .ci/run does it), or point "
            + "-Dcosell.chromium and -Dcosell.chromedriver at other builds of the two.";

    private static final Path SCREENSHOTS = Path.of("target", "portal-screenshots").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The sizes each page is photographed and checked at: a laptop's, and a phone's (an iPhone 12–15). */
    private static final List<Viewport> VIEWPORTS = List.of(new Viewport(1280, 800, false), new Viewport(390, 844, true));

    private final ChromeDriver driver;
    private final String axeScript;
    private final List<String> violations = new ArrayList<>();
    private int pagesVisited;

    private record Viewport(int width, int height, boolean mobile) {

        String label() {
            return width + "x" + height;
        }
    }

    private PortalBrowser(ChromeDriver driver, String axeScript) {
        this.driver = driver;
        this.axeScript = axeScript;
    }

    static PortalBrowser start(Path profileDirectory) throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("%s and %s are missing. %s", CHROMIUM, CHROMEDRIVER, INSTALL_HINT).isTrue();
        ChromeOptions options = new ChromeOptions();
        // both paths given: Selenium Manager has nothing to look up or download
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=en-US", "--user-data-dir=" + profileDirectory);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        emptyScreenshots();
        return new PortalBrowser(driver, axeScript());
    }

    /** Pictures of an earlier run (a failure.png above all) would pass for this run's. */
    private static void emptyScreenshots() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        try (Stream<Path> earlier = Files.list(SCREENSHOTS)) {
            for (Path picture : earlier.filter(file -> file.toString().endsWith(".png")).toList()) {
                Files.delete(picture);
            }
        }
    }

    /** axe-core from its webjar on the test class path. */
    private static String axeScript() throws IOException {
        Properties webjar = new Properties();
        try (InputStream pom = PortalBrowser.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            assertThat(pom).as("axe-core's webjar on the test class path").isNotNull();
            webjar.load(pom);
        }
        String path = "/META-INF/resources/webjars/axe-core/" + webjar.getProperty("version") + "/axe.min.js";
        try (InputStream script = PortalBrowser.class.getResourceAsStream(path)) {
            assertThat(script).as(path).isNotNull();
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /**
     * Polls {@code condition} until it holds. An element htmx swapped out between finding it and
     * reading it is only a reason to look again.
     */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    WebElement visible(By locator) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /**
     * Reloads {@code url} until {@code condition} holds: for what the services do after answering
     * (an accepted referral becomes an accepted deal through Kafka), which no page shows by itself.
     */
    <T> T awaitAfterReloading(String what, String url, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(250)).withMessage(what).until(d -> {
            d.get(url);
            return condition.apply(d);
        });
    }

    /**
     * The page now shown, photographed and checked at each size; the browser is back at the desktop
     * size afterwards.
     */
    void record(String name) throws IOException {
        await("page loaded", d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        String prefix = "%02d-%s".formatted(++pagesVisited, name);
        for (Viewport viewport : VIEWPORTS) {
            resize(viewport);
            Path file = SCREENSHOTS.resolve(prefix + "-" + viewport.label() + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            checkAccessibility(prefix + " at " + viewport.label());
            if (viewport.mobile()) {
                checkLabelledCells(prefix + " at " + viewport.label());
            }
        }
        resize(VIEWPORTS.get(0));
    }

    private void resize(Viewport viewport) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.width(),
                "height", viewport.height(), "deviceScaleFactor", 1, "mobile", viewport.mobile()));
    }

    @SuppressWarnings("unchecked")
    private void checkAccessibility(String page) {
        Object found = driver.executeAsyncScript(axeScript + """
                ;var done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                   .then(function (results) {
                       done(results.violations
                           .filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                           .map(function (v) {
                               return v.id + ' (' + v.impact + ') ' + v.help + ': '
                                   + v.nodes.map(function (n) { return n.target.join(' '); }).join(', ');
                           }));
                   })
                   .catch(function (error) { done(['axe-core failed: ' + error]); });
                """);
        ((List<String>) found).forEach(violation -> violations.add(page + " (" + driver.getCurrentUrl() + "): " + violation));
    }

    /**
     * On a phone the lists are cards whose cells each show their column's name: a shown cell with
     * nothing after its name ("Sender:" on the partner's own deal) reads as missing data.
     */
    @SuppressWarnings("unchecked")
    private void checkLabelledCells(String page) {
        Object found = driver.executeScript("""
                return Array.from(document.querySelectorAll('td[data-label]'))
                    .filter(function (cell) { return cell.offsetParent !== null && cell.textContent.trim() === ''; })
                    .map(function (cell) { return cell.getAttribute('data-label') + ' in ' + (cell.parentElement.id || 'a row'); });
                """);
        ((List<String>) found).forEach(cell -> violations.add(page + " (" + driver.getCurrentUrl() + "): empty-labelled-cell " + cell));
    }

    /** The page a failed step left the browser on, photographed, and its text printed with its address. */
    void recordFailure() {
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("failure.png"),
                    StandardCopyOption.REPLACE_EXISTING);
            System.out.println("The browser was at " + driver.getCurrentUrl() + ":\n"
                    + driver.findElement(By.tagName("body")).getText());
            violations.forEach(violation -> System.out.println("axe-core: " + violation));
        } catch (RuntimeException | IOException e) {
            System.out.println("No picture of the failed page: " + e);
        }
    }

    /** Serious and critical axe-core violations and empty labelled cells on every page recorded so far, one a line. */
    List<String> pageViolations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
