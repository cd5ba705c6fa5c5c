package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What a referrals admin does in the partner portal, in Chromium, through the gateway of the running
 * system: referrals offered on the inbound topic are accepted (after fixing a mistake the form
 * points out), marked favorite, helped by Microsoft, won, or declined; another partner sees none of
 * it; the pages speak Italian on request. Elements are found by id, label-bearing ids and
 * {@code data-test} attributes, never by layout.
 */
final class PortalTour {

    private static final String GATEWAY = "http://localhost:8080";
    private static final String PARTNER = "5512345";
    private static final String OTHER_PARTNER = "6612345";
    private static final String DEAL_NAME = "Contoso AI rollout";

    private final PortalBrowser browser;
    private final WebDriver driver;

    PortalTour(PortalBrowser browser) {
        this.browser = browser;
        this.driver = browser.driver();
    }

    static void run(Path profileDirectory) throws Exception {
        try (PortalBrowser browser = PortalBrowser.start(profileDirectory)) {
            try {
                new PortalTour(browser).referralsAdminWorksTheirReferralsAndAnotherPartnerSeesNone();
            } catch (Exception | AssertionError e) {
                browser.recordFailure();
                throw e;
            }
            assertThat(browser.accessibilityViolations()).as("serious or critical axe-core violations").isEmpty();
        }
    }

    private void referralsAdminWorksTheirReferralsAndAnotherPartnerSeesNone() throws Exception {
        browser.open(GATEWAY + "/opportunities");
        browser.await("the sign-in page for a visitor", d -> d.getCurrentUrl().contains("/sign-in"));
        browser.record("sign-in");
        signIn(PARTNER, "Ada Admin", "ada@fabrikam.example");
        browser.await("the inbound tab after signing in", d -> d.getCurrentUrl().contains("/opportunities"));
        browser.record("inbound-empty");

        offerReferral(PARTNER);
        WebElement offered = browser.awaitAfterReloading("the offered referral in Inbound",
                GATEWAY + "/opportunities?tab=inbound", d -> firstRow(d, "RECEIVED"));
        assertThat(offered.getText()).contains(DEAL_NAME, "Contoso Ltd");
        browser.record("inbound");
        String accepted = opportunityId(offered);

        offered.findElement(By.linkText(DEAL_NAME)).click();
        browser.await("the referral's page", d -> d.findElement(By.tagName("h1")).getText().equals(DEAL_NAME));
        assertThat(stage().getAttribute("data-stage")).isEqualTo("RECEIVED");
        browser.record("referral");

        // prefilled with the signed-in user as the team, but without the phone the API needs
        assertThat(driver.findElement(By.id("accept-employees-0-name")).getAttribute("value")).isEqualTo("Ada Admin");
        submit("accept");
        WebElement phoneError = browser.visible(By.id("accept-employees-0-phone-error"));
        WebElement phone = driver.findElement(By.id("accept-employees-0-phone"));
        assertThat(phone.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(phone.getAttribute("aria-describedby")).isEqualTo(phoneError.getAttribute("id"));
        browser.record("accept-mistake");
        phone.sendKeys("+1 425 555 0100");
        submit("accept");
        browser.visible(By.cssSelector("#alerts .notice"));
        browser.awaitAfterReloading("the accepted deal", GATEWAY + "/opportunities/" + accepted,
                d -> "ACCEPTED".equals(stage().getAttribute("data-stage")));
        assertThat(stage().getText()).contains("Accepted");
        browser.record("accepted");

        browser.open(GATEWAY + "/opportunities?tab=inbound");
        By acceptedRow = By.id("opportunity-" + accepted);
        browser.visible(acceptedRow).findElement(By.cssSelector("button.favorite-toggle")).click();
        browser.await("the heart filled in place", d -> d.findElement(acceptedRow)
                .findElement(By.cssSelector("button.favorite-toggle")).getText().equals("♥"));
        tab("favorites").click();
        browser.await("the deal under Favorites", d -> d.getCurrentUrl().contains("tab=favorites")
                && !d.findElements(acceptedRow).isEmpty());
        browser.record("favorites");

        browser.open(GATEWAY + "/opportunities/" + accepted);
        driver.findElement(By.id("help-consent")).click();
        driver.findElement(By.id("help-notes")).sendKeys("Needs an Azure architect for the pilot");
        submit("help");
        browser.visible(By.cssSelector("#alerts .notice"));
        browser.awaitAfterReloading("co-sell help requested", GATEWAY + "/opportunities/" + accepted,
                d -> "REQUESTED".equals(d.findElement(By.cssSelector("[data-test=engagement]")).getAttribute("data-status")));
        browser.record("help-requested");

        // the sample's solution is registration-eligible: a won deal says what it registers
        driver.findElement(By.id("won-finalAmount")).sendKeys("27500.00");
        driver.findElement(By.id("won-finalCurrency")).sendKeys("USD");
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]",
                driver.findElement(By.id("won-signedDate")), LocalDate.now().minusDays(1).toString());
        submit("won");
        browser.visible(By.cssSelector("#alerts .notice"));
        browser.awaitAfterReloading("the deal won", GATEWAY + "/opportunities/" + accepted,
                d -> "WON".equals(stage().getAttribute("data-stage")));
        browser.record("won");
        browser.open(GATEWAY + "/opportunities?tab=archived");
        assertThat(browser.visible(acceptedRow).findElement(By.cssSelector("[data-test=stage]")).getAttribute("data-stage"))
                .isEqualTo("WON");
        browser.record("archived");

        offerReferral(PARTNER);
        WebElement second = browser.awaitAfterReloading("the second referral in Inbound",
                GATEWAY + "/opportunities?tab=inbound", d -> firstRow(d, "RECEIVED"));
        String declined = opportunityId(second);
        browser.open(GATEWAY + "/opportunities/" + declined);
        new Select(driver.findElement(By.id("decline-reason"))).selectByValue("NO_CAPACITY");
        driver.findElement(By.id("decline-notes")).sendKeys("No Azure AI team free before spring");
        submit("decline");
        browser.visible(By.cssSelector("#alerts .notice"));
        browser.awaitAfterReloading("the referral declined", GATEWAY + "/opportunities/" + declined,
                d -> "DECLINED".equals(stage().getAttribute("data-stage")));
        browser.record("declined");

        browser.open(GATEWAY + "/opportunities?tab=archived");
        driver.findElement(By.cssSelector("a[hreflang=it]")).click();
        browser.await("the list in Italian", d -> d.findElement(By.tagName("h1")).getText().equals("Segnalazioni"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("it");
        assertThat(tab("inbound").getText()).startsWith("In entrata");
        assertThat(tab("archived").getText()).startsWith("Archiviate");
        assertThat(driver.findElement(By.id("opportunity-" + declined)).getText()).contains("Rifiutata");
        browser.record("archived-italian");

        driver.findElement(By.cssSelector("form.sign-out button")).click();
        browser.await("signed out", d -> d.getCurrentUrl().contains("/sign-in"));
        signIn(OTHER_PARTNER, "Otto Other", "otto@northwind.example");
        browser.await("the other partner's inbound tab", d -> d.getCurrentUrl().contains("/opportunities"));
        for (String tab : List.of("inbound", "favorites", "archived")) {
            browser.open(GATEWAY + "/opportunities?tab=" + tab);
            assertThat(driver.findElements(By.cssSelector("tr[id^=opportunity-]"))).as(tab).isEmpty();
        }
        browser.record("other-partner-archived");
        browser.open(GATEWAY + "/opportunities/" + accepted);
        browser.visible(By.cssSelector("[data-test=not-found]"));
        assertThat(driver.getPageSource()).doesNotContain(DEAL_NAME);
        browser.record("other-partner-not-found");
    }

    private void signIn(String partnerId, String name, String email) {
        browser.visible(By.id("partnerId")).sendKeys(partnerId);
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.cssSelector("input[name=roles][value=REFERRALS_ADMIN]")).click();
        driver.findElement(By.cssSelector("form[action$='/sign-in'] button[type=submit]")).click();
    }

    /** Offers the sample referral on {@code cosell.referrals.inbound}, as an upstream seller system does. */
    private static void offerReferral(String partnerId) throws Exception {
        assertThat(SampleReferral.run("--partner", partnerId)).as("send-referral's exit status").isZero();
    }

    private static WebElement firstRow(WebDriver driver, String stage) {
        return driver.findElements(By.cssSelector("tr:has([data-test=stage][data-stage=" + stage + "])")).stream().findFirst().orElse(null);
    }

    private static String opportunityId(WebElement row) {
        return row.getAttribute("id").substring("opportunity-".length());
    }

    private WebElement stage() {
        return driver.findElement(By.cssSelector("[data-test=stage]"));
    }

    private WebElement tab(String name) {
        return driver.findElement(By.cssSelector("[data-test=tab-" + name + "]"));
    }

    /**
     * The button a person presses to send the opportunity page's form for {@code move} (accept,
     * decline, help, won, lost): not "add a team member", nor the hidden default button for Enter.
     */
    private void submit(String move) {
        driver.findElement(By.cssSelector("form[action$='/" + move + "'] button[type=submit]:not([name]):not([aria-hidden=true])"))
                .click();
    }
}
