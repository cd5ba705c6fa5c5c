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
 * system: a referral offered on the inbound topic is accepted (after fixing a mistake the form
 * points out) and marked favorite; a deal of their own is made with the wizard (its customer picked
 * from the directory's suggestions, a mistake pointed out and fixed), helped by Microsoft, won and
 * archived; another referral is declined; the insights and, for a partner admin only, the settings
 * are shown; another partner sees none of it; the pages speak Italian on request. Elements are found
 * by id, label-bearing ids, {@code data-test} attributes and link targets, never by layout.
 */
final class PortalTour {

    private static final String GATEWAY = "http://localhost:8080";
    private static final String PARTNER = "5512345";
    private static final String OTHER_PARTNER = "6612345";
    private static final String REFERRAL_NAME = "Contoso AI rollout";
    /** The sample referral's customer: once the partner has seen it, the customer directory suggests it. */
    private static final String CUSTOMER = "Contoso Ltd";
    /** Tells the referral's Contoso Ltd from the directory's shipped one of the same name and city. */
    private static final String CUSTOMER_DUNS = "123456789";
    private static final String NEW_DEAL_NAME = "Contoso Copilot expansion";
    private static final String REFERRALS_ADMIN = "REFERRALS_ADMIN";
    private static final String PARTNER_ADMIN = "MPN_PARTNER_ADMIN";

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
            assertThat(browser.pageViolations()).as("serious or critical axe-core violations, empty labelled cells").isEmpty();
        }
    }

    private void referralsAdminWorksTheirReferralsAndAnotherPartnerSeesNone() throws Exception {
        browser.open(GATEWAY + "/opportunities");
        browser.await("the sign-in page for a visitor", d -> d.getCurrentUrl().contains("/sign-in"));
        browser.record("sign-in");
        signIn(PARTNER, "Ada Admin", "ada@fabrikam.example", REFERRALS_ADMIN);
        browser.await("the inbound tab after signing in", d -> d.getCurrentUrl().contains("/opportunities"));
        browser.record("inbound-empty");
        settingsAreForPartnerAdminsOnly();

        String accepted = acceptReferral();
        markFavorite(accepted);

        String created = createDealWithTheWizard();
        askMicrosoftForHelp(created);
        filterTheListAndOfferImport(created);
        closeAsWonAndFindUnderArchived(created);

        String declined = declineReferral();
        showInsights();
        showArchivedInItalian(declined);

        signOut();
        signIn(PARTNER, "Paula Partner-Admin", "paula@fabrikam.example", REFERRALS_ADMIN, PARTNER_ADMIN);
        showSettings();

        signOut();
        signIn(OTHER_PARTNER, "Otto Other", "otto@northwind.example", REFERRALS_ADMIN);
        otherPartnerSeesNone(accepted, created);
    }

    private void signIn(String partnerId, String name, String email, String... roles) {
        browser.visible(By.id("partnerId")).sendKeys(partnerId);
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("email")).sendKeys(email);
        for (String role : roles) {
            driver.findElement(By.cssSelector("input[name=roles][value=" + role + "]")).click();
        }
        driver.findElement(By.cssSelector("form[action$='/sign-in'] button[type=submit]")).click();
        browser.await("signed in as " + name, d -> d.getCurrentUrl().contains("/opportunities"));
    }

    private void signOut() {
        driver.findElement(By.cssSelector("form.sign-out button")).click();
        browser.await("signed out", d -> d.getCurrentUrl().contains("/sign-in"));
    }

    /** A referrals admin is offered no Settings link, and the page itself refuses them. */
    private void settingsAreForPartnerAdminsOnly() throws Exception {
        assertThat(navLink("/insights")).as("the Insights link").isNotEmpty();
        assertThat(navLink("/settings")).as("the Settings link for a referrals admin").isEmpty();
        browser.open(GATEWAY + "/settings");
        assertThat(browser.visible(By.cssSelector("[data-test=forbidden]")).getText()).isNotBlank();
        browser.record("settings-forbidden-to-referrals-admin");
    }

    /** Accepts the sample referral through its form, after the form points out the missing phone. */
    private String acceptReferral() throws Exception {
        offerReferral(PARTNER);
        WebElement offered = browser.awaitAfterReloading("the offered referral in Inbound",
                GATEWAY + "/opportunities?tab=inbound", d -> firstRow(d, "RECEIVED"));
        assertThat(offered.getText()).contains(REFERRAL_NAME, CUSTOMER);
        browser.record("inbound");
        String accepted = opportunityId(offered);

        offered.findElement(By.linkText(REFERRAL_NAME)).click();
        browser.await("the referral's page", d -> d.findElement(By.tagName("h1")).getText().equals(REFERRAL_NAME));
        assertThat(stage().getAttribute("data-stage")).isEqualTo("RECEIVED");
        browser.record("referral");

        // prefilled with the signed-in user as the team, but without the phone the API needs
        assertThat(driver.findElement(By.id("accept-employees-0-name")).getAttribute("value")).isEqualTo("Ada Admin");
        submit("accept");
        WebElement phone = invalidField("accept-employees-0-phone");
        browser.record("referral-accept-mistake");
        phone.sendKeys("+1 425 555 0100");
        submit("accept");
        browser.visible(By.cssSelector("#alerts .notice"));
        browser.awaitAfterReloading("the accepted deal", GATEWAY + "/opportunities/" + accepted,
                d -> "ACCEPTED".equals(stage().getAttribute("data-stage")));
        assertThat(stage().getText()).contains("Accepted");
        browser.record("referral-accepted");
        return accepted;
    }

    private void markFavorite(String id) throws Exception {
        browser.open(GATEWAY + "/opportunities?tab=inbound");
        browser.visible(row(id)).findElement(By.cssSelector("button.favorite-toggle")).click();
        browser.await("the heart filled in place", d -> d.findElement(row(id))
                .findElement(By.cssSelector("button.favorite-toggle")).getText().equals("♥"));
        tab("favorites").click();
        browser.await("the deal under Favorites", d -> d.getCurrentUrl().contains("tab=favorites")
                && !d.findElements(row(id)).isEmpty());
        browser.record("favorites");
    }

    /** The new-deal wizard, step by step, from the nav link to the new deal's page; returns its id. */
    private String createDealWithTheWizard() throws Exception {
        navLink("/deals/new").get(0).click();
        browser.await("the wizard's customer step", d -> d.getCurrentUrl().endsWith("/customer"));
        pickSuggestedCustomer();
        fillDetailsAfterAMistake();
        completeTeam();
        chooseSolution();

        assertThat(driver.findElement(By.cssSelector("input[name=sellingType][value=PRIVATE_PIPELINE]")).isSelected()).isTrue();
        assertThat(driver.findElement(By.cssSelector("dl.facts")).getText()).contains(CUSTOMER, NEW_DEAL_NAME, "Azure AI Foundry");
        browser.record("wizard-selling-type");
        wizardButton("create").click();
        browser.await("the new deal's page", d -> d.findElement(By.tagName("h1")).getText().equals(NEW_DEAL_NAME));
        browser.visible(By.cssSelector("#alerts .notice"));
        assertThat(stage().getAttribute("data-stage")).isEqualTo("ACCEPTED");
        assertThat(driver.findElement(By.id("main")).getText()).contains(CUSTOMER, "Azure AI Foundry");
        browser.record("wizard-deal-created");
        return driver.getCurrentUrl().replaceAll(".*/opportunities/([0-9a-f-]{36}).*", "$1");
    }

    /** The customer the partner met in the referral, suggested as its name is typed in its country. */
    private void pickSuggestedCustomer() throws Exception {
        new Select(driver.findElement(By.id("wizard-customer-address-country"))).selectByValue("US");
        driver.findElement(By.id("wizard-customer-name")).sendKeys("Conto");
        // found again by its action when used: htmx may swap the list once more for the last letters typed
        String pick = browser.await("the customer among the suggestions", d -> d
                .findElements(By.cssSelector("#customer-suggestions button[value^='pick:']")).stream()
                .filter(button -> button.getText().contains(CUSTOMER) && button.getText().contains(CUSTOMER_DUNS))
                .map(button -> button.getAttribute("value")).findFirst().orElse(null));
        By suggestion = By.cssSelector("#customer-suggestions button[value='" + pick + "']");
        assertThat(browser.visible(suggestion).getText()).contains("1 Main Street, Seattle, US");
        browser.record("wizard-customer-suggestions");
        browser.visible(suggestion).click();
        browser.await("the picked customer in the form", d -> CUSTOMER.equals(
                d.findElement(By.id("wizard-customer-name")).getAttribute("value")));
        assertThat(driver.findElement(By.id("wizard-customer-dunsNumber")).getAttribute("value")).isEqualTo(CUSTOMER_DUNS);
        assertThat(driver.findElement(By.id("wizard-customer-address-city")).getAttribute("value")).isEqualTo("Seattle");
        wizardButton("next").click();
        browser.await("the wizard's details step", d -> d.getCurrentUrl().endsWith("/details"));
    }

    /** A close date in the past, which the API refuses, is pointed out next to its field, then corrected. */
    private void fillDetailsAfterAMistake() throws Exception {
        driver.findElement(By.id("wizard-name")).sendKeys(NEW_DEAL_NAME);
        driver.findElement(By.id("wizard-estimatedValue-amount")).sendKeys("48000.00");
        setDate("wizard-estimatedCloseDate", LocalDate.now().minusDays(1));
        wizardButton("next").click();
        invalidField("wizard-estimatedCloseDate");
        assertThat(driver.findElement(By.id("wizard-name")).getAttribute("value")).isEqualTo(NEW_DEAL_NAME);
        browser.record("wizard-details-mistake");
        setDate("wizard-estimatedCloseDate", LocalDate.now().plusMonths(4));
        wizardButton("next").click();
        browser.await("the wizard's employees step", d -> d.getCurrentUrl().endsWith("/employees"));
    }

    /** The signed-in user is the team already; only their phone is missing. */
    private void completeTeam() throws Exception {
        assertThat(driver.findElement(By.id("wizard-employees-0-name")).getAttribute("value")).isEqualTo("Ada Admin");
        driver.findElement(By.id("wizard-employees-0-phone")).sendKeys("+1 425 555 0100");
        browser.record("wizard-employees");
        wizardButton("next").click();
        browser.await("the wizard's solutions step", d -> d.getCurrentUrl().endsWith("/solutions"));
    }

    /** A registration-eligible solution from the catalog, found by its name. */
    private void chooseSolution() throws Exception {
        driver.findElement(By.id("wizard-solution-query")).sendKeys("Azure AI");
        wizardButton("search").click();
        By add = By.cssSelector("#wizard-form button[name=action][value='add-solution:sol-azure-ai']");
        browser.visible(add).click();
        browser.await("the solution on the deal", d -> d.findElements(add).isEmpty()
                && d.findElement(By.cssSelector("ul[aria-labelledby=chosen-title]")).getText().contains("Azure AI Foundry"));
        browser.record("wizard-solutions");
        wizardButton("next").click();
        browser.await("the wizard's selling type step", d -> d.getCurrentUrl().endsWith("/selling"));
    }

    /** The wizard made a private pipeline deal, so the customer's contact is given with the request. */
    private void askMicrosoftForHelp(String id) throws Exception {
        new Select(driver.findElement(By.id("help-helpType"))).selectByValue("TECHNICAL_ARCHITECTURE");
        driver.findElement(By.id("help-consent")).click();
        driver.findElement(By.id("help-contactName")).sendKeys("Ada Buyer");
        driver.findElement(By.id("help-contactPhone")).sendKeys("+1 206 555 0100");
        driver.findElement(By.id("help-contactEmail")).sendKeys("ada.buyer@contoso.example");
        driver.findElement(By.id("help-notes")).sendKeys("Needs a Copilot adoption specialist for the rollout");
        submit("help");
        browser.visible(By.cssSelector("#alerts .notice"));
        browser.awaitAfterReloading("co-sell help requested", GATEWAY + "/opportunities/" + id,
                d -> "REQUESTED".equals(d.findElement(By.cssSelector("[data-test=engagement]")).getAttribute("data-status")));
        browser.record("wizard-deal-help-requested");
    }

    /**
     * The co-sell deal is found by the selling type filter, which stays in the address and in the
     * export link; the list links to the import page.
     */
    private void filterTheListAndOfferImport(String id) throws Exception {
        browser.open(GATEWAY + "/opportunities?tab=outbound");
        driver.findElement(By.cssSelector("details.more-filters summary")).click();
        new Select(browser.visible(By.id("filter-type"))).selectByValue("CO_SELL");
        driver.findElement(By.cssSelector("details.more-filters button[type=submit]")).click();
        browser.await("the list filtered by selling type", d -> d.getCurrentUrl().contains("type=CO_SELL"));
        assertThat(browser.visible(row(id)).getText()).contains(NEW_DEAL_NAME);
        assertThat(driver.findElement(By.cssSelector("[data-test=export]")).getAttribute("href")).contains("type=CO_SELL");
        browser.record("list-filtered");
        driver.findElement(By.cssSelector("[data-test=import]")).click();
        browser.await("the import page", d -> d.getCurrentUrl().endsWith("/deals/import"));
        assertThat(driver.findElement(By.cssSelector("label[for=import-file]")).getText()).isNotBlank();
        browser.record("import");
        browser.open(GATEWAY + "/opportunities/" + id);
    }

    /** Its solution is registration-eligible: a won deal says what it registers. */
    private void closeAsWonAndFindUnderArchived(String id) throws Exception {
        driver.findElement(By.id("won-finalAmount")).sendKeys("51500.00");
        driver.findElement(By.id("won-finalCurrency")).sendKeys("USD");
        setDate("won-signedDate", LocalDate.now().minusDays(1));
        submit("won");
        browser.visible(By.cssSelector("#alerts .notice"));
        browser.awaitAfterReloading("the deal won", GATEWAY + "/opportunities/" + id,
                d -> "WON".equals(stage().getAttribute("data-stage")));
        assertThat(driver.findElement(By.cssSelector("section[aria-labelledby=closing-title]")).getText())
                .as("the registration among how it closed").contains("$51,500.00");
        browser.record("wizard-deal-won");
        browser.open(GATEWAY + "/opportunities?tab=archived");
        assertThat(browser.visible(row(id)).findElement(By.cssSelector("[data-test=stage]")).getAttribute("data-stage"))
                .isEqualTo("WON");
        browser.record("archived-won-deal");
    }

    private String declineReferral() throws Exception {
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
        browser.record("referral-declined");
        return declined;
    }

    /** With one deal won and one referral declined, the charts have something to show. */
    private void showInsights() throws Exception {
        navLink("/insights").get(0).click();
        browser.await("the insights page", d -> d.getCurrentUrl().endsWith("/insights"));
        assertThat(driver.findElements(By.cssSelector("section.chart"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("section.chart svg"))).as("charts with bars").isNotEmpty();
        browser.record("insights");
    }

    private void showArchivedInItalian(String declined) throws Exception {
        browser.open(GATEWAY + "/opportunities?tab=archived");
        driver.findElement(By.cssSelector("a[hreflang=it]")).click();
        browser.await("the list in Italian", d -> d.findElement(By.tagName("h1")).getText().equals("Segnalazioni"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("it");
        assertThat(tab("inbound").getText()).startsWith("In entrata");
        assertThat(tab("archived").getText()).startsWith("Archiviate");
        assertThat(driver.findElement(row(declined)).getText()).contains("Rifiutata");
        browser.record("archived-italian");
        driver.findElement(By.cssSelector("a[hreflang=en]")).click();
        browser.await("the list in English again", d -> d.findElement(By.tagName("h1")).getText().equals("Referrals"));
    }

    /** A partner admin (who is a referrals admin too) has the Settings link and page. */
    private void showSettings() throws Exception {
        navLink("/settings").get(0).click();
        browser.await("the settings page", d -> d.getCurrentUrl().endsWith("/settings"));
        assertThat(driver.findElements(By.cssSelector("[data-test=forbidden]"))).isEmpty();
        browser.visible(By.id("recipients-addresses"));
        assertThat(driver.findElement(By.id("solution-title")).isDisplayed()).isTrue();
        browser.record("settings-partner-admin");
    }

    private void otherPartnerSeesNone(String... ids) throws Exception {
        for (String tab : List.of("inbound", "favorites", "archived")) {
            browser.open(GATEWAY + "/opportunities?tab=" + tab);
            assertThat(driver.findElements(By.cssSelector("tr[id^=opportunity-]"))).as(tab).isEmpty();
        }
        browser.record("other-partner-archived");
        for (String id : ids) {
            browser.open(GATEWAY + "/opportunities/" + id);
            browser.visible(By.cssSelector("[data-test=not-found]"));
            assertThat(driver.getPageSource()).doesNotContain(REFERRAL_NAME).doesNotContain(NEW_DEAL_NAME);
        }
        browser.record("other-partner-not-found");
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

    private static By row(String opportunityId) {
        return By.id("opportunity-" + opportunityId);
    }

    private WebElement stage() {
        return driver.findElement(By.cssSelector("[data-test=stage]"));
    }

    private WebElement tab(String name) {
        return driver.findElement(By.cssSelector("[data-test=tab-" + name + "]"));
    }

    private List<WebElement> navLink(String path) {
        return driver.findElements(By.cssSelector("header nav a[href$='" + path + "']"));
    }

    /**
     * The field with id {@code fieldId}, once the page shows it refused: its error next to it,
     * announced through aria-invalid and aria-describedby.
     */
    private WebElement invalidField(String fieldId) {
        WebElement error = browser.visible(By.id(fieldId + "-error"));
        WebElement field = driver.findElement(By.id(fieldId));
        assertThat(field.getAttribute("aria-invalid")).as(fieldId + " aria-invalid").isEqualTo("true");
        assertThat(field.getAttribute("aria-describedby")).as(fieldId + " aria-describedby").isEqualTo(error.getAttribute("id"));
        return field;
    }

    /** A date input's value, as the browser's date picker would leave it, whatever its locale's typing order. */
    private void setDate(String fieldId, LocalDate date) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]",
                driver.findElement(By.id(fieldId)), date.toString());
    }

    /**
     * The button a person presses to send the opportunity page's form for {@code move} (accept,
     * decline, help, won, lost): not "add a team member", nor the hidden default button for Enter.
     */
    private void submit(String move) {
        driver.findElement(By.cssSelector("form[action$='/" + move + "'] button[type=submit]:not([name]):not([aria-hidden=true])"))
                .click();
    }

    /** The wizard's visible button for {@code action} (next, search, create), not the hidden default one for Enter. */
    private WebElement wizardButton(String action) {
        return driver.findElement(By.cssSelector("#wizard-form button[name=action][value=" + action + "]:not([aria-hidden=true])"));
    }
}
