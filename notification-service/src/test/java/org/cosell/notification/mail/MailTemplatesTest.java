package org.cosell.notification.mail;

import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MailTemplatesTest {

    private static final String HOSTILE = "<script>alert('x')</script> & \"Co\"\r\nBcc: evil@attacker.example";

    private final MailTemplates templates = new MailTemplates("https://partners.cosell.example/");

    @ParameterizedTest
    @EnumSource(MailKind.class)
    void everyKindNamesTheDealTheCustomerAndTheValueInTextAndHtml(MailKind kind) {
        RenderedMail mail = templates.render(kind, MailLanguage.EN, contosoFacts().build());

        assertThat(mail.subject()).contains("Contoso AI rollout").doesNotContain("\n", "\r", "[", "${");
        for (String body : List.of(mail.text(), mail.html())) {
            assertThat(body).contains("Contoso AI rollout", "Contoso Ltd", "25,000.00 USD", "What you can do")
                    .doesNotContain("${", "[(", "[#", "th:text", "th:if", "th:block", "null");
        }
        assertThat(mail.html()).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">")
                .contains("<title>" + mail.subject().replace("&", "&amp;"));
    }

    @ParameterizedTest
    @EnumSource(MailKind.class)
    void aPartnerReadingItalianGetsEveryKindItsPeopleReadInItalianAndTheSenderStillEnglish(MailKind kind) {
        RenderedMail italian = templates.render(kind, MailLanguage.IT, contosoFacts().build());

        if (kind.readByPartner()) {
            assertThat(italian.subject()).contains("Contoso AI rollout").doesNotContain("\n", "\r", "[", "${");
            assertThat(italian.subject().toLowerCase(Locale.ITALIAN)).containsAnyOf("segnalazione", "co-sell");
            for (String body : List.of(italian.text(), italian.html())) {
                assertThat(body).contains("Contoso AI rollout", "Contoso Ltd", "25.000,00 USD", "Come procedere")
                        .doesNotContain("${", "[(", "[#", "th:text", "th:if", "th:block", "null", "What you can do",
                                "Customer", "Open it in Cosell");
            }
            assertThat(italian.html()).startsWith("<!DOCTYPE html>").contains("<html lang=\"it\">", "Cliente");
        } else {
            assertThat(italian).isEqualTo(templates.render(kind, MailLanguage.EN, contosoFacts().build()));
        }
    }

    @ParameterizedTest
    @EnumSource(MailKind.class)
    void everyKindLinksTheOpportunitysPageInThePortalInTextAndHtml(MailKind kind) {
        UUID id = UUID.fromString("3f2b6c1e-8c1a-4d3e-9a57-0d4c2b1a9e10");
        String page = "https://partners.cosell.example/opportunities/" + id;

        for (MailLanguage language : MailLanguage.values()) {
            RenderedMail mail = templates.render(kind, language, contosoFacts().opportunityId(id).build());

            String label = kind.language(language) == MailLanguage.IT ? "Apri l'opportunità in Cosell" : "Open it in Cosell";
            assertThat(mail.text()).as(language.code()).contains(label + ": " + page + "\n");
            assertThat(mail.html()).as(language.code()).contains("<a href=\"" + page + "\"");
            RenderedMail withoutId = templates.render(kind, language, contosoFacts().build());
            assertThat(withoutId.text() + withoutId.html()).doesNotContain("/opportunities/", label);
        }
    }

    @ParameterizedTest
    @EnumSource(MailKind.class)
    void theSubjectAloneIsTheSubjectOfTheWholeMail(MailKind kind) {
        MailFacts facts = contosoFacts().dealName(HOSTILE).build();

        for (MailLanguage language : MailLanguage.values()) {
            assertThat(templates.subject(kind, language, facts)).isEqualTo(templates.render(kind, language, facts).subject());
            assertThat(templates.subject(kind, language, contosoFacts().build()))
                    .isEqualTo(templates.render(kind, language, contosoFacts().build()).subject());
        }
    }

    @Test
    void showsTheRespondByTimeWhereTheReaderMustAct() {
        for (MailKind kind : List.of(MailKind.REFERRAL_RECEIVED, MailKind.REFERRAL_REMINDER)) {
            RenderedMail mail = templates.render(kind, MailLanguage.EN, contosoFacts().build());
            RenderedMail italian = templates.render(kind, MailLanguage.IT, contosoFacts().build());

            assertThat(mail.text()).as(kind.name()).contains("8 Dec 2026, 10:00 UTC");
            assertThat(mail.html()).as(kind.name()).contains("8 Dec 2026, 10:00 UTC");
            assertThat(italian.text()).as(kind.name()).contains("entro martedì 8 dicembre 2026 alle 10:00 UTC");
            assertThat(italian.html()).as(kind.name()).contains("martedì 8 dicembre 2026 alle 10:00 UTC");
        }
        assertThat(templates.render(MailKind.REFERRAL_RECEIVED, MailLanguage.EN, contosoFacts().build()).subject())
                .isEqualTo("New referral: Contoso AI rollout for Contoso Ltd – answer by 8 Dec 2026");
        assertThat(templates.render(MailKind.REFERRAL_RECEIVED, MailLanguage.IT, contosoFacts().build()).subject())
                .isEqualTo("Nuova segnalazione: Contoso AI rollout per Contoso Ltd – risposta entro martedì 8 dicembre 2026");
    }

    @Test
    void escapesUpstreamTextInHtmlAndKeepsItOutOfHeaderLines() {
        MailFacts facts = contosoFacts().dealName(HOSTILE).customerName(HOSTILE).notes(HOSTILE)
                .sender(HOSTILE, "sam@microsoft.example").reason(HOSTILE)
                .contacts(List.of(new Contact(HOSTILE, "+1", "pat@fabrikam.example"))).build();

        for (MailKind kind : MailKind.values()) {
            for (MailLanguage language : MailLanguage.values()) {
                RenderedMail mail = templates.render(kind, language, facts);

                String which = kind + " " + language;
                assertThat(mail.html()).as(which).doesNotContain("<script>").contains("&lt;script&gt;");
                assertThat(mail.subject()).as(which).doesNotContain("\r", "\n").contains("<script>alert('x')</script>");
                assertThat(mail.text()).as(which).contains("<script>alert('x')</script>");
            }
        }
    }

    @Test
    void flattensAndShortensAVeryLongSubject() {
        RenderedMail mail = templates.render(MailKind.ENGAGEMENT_ENGAGED, MailLanguage.IT,
                contosoFacts().dealName("x\n".repeat(500)).build());

        assertThat(mail.subject()).hasSize(MailTemplates.MAX_SUBJECT_LENGTH).doesNotContain("\n").endsWith("…");
    }

    @Test
    void namesAReferralWithoutADealNameByItsIdAndLeavesOutUnknownFacts() {
        RenderedMail mail = templates.render(MailKind.REFERRAL_DECLINED, MailLanguage.EN,
                MailFacts.builder().referralId("MSX-REF-9").build());

        assertThat(mail.subject()).isEqualTo("Your referral MSX-REF-9 was declined");
        assertThat(mail.text()).doesNotContain("Customer:", "Estimated value:", "null");
        assertThat(mail.html()).doesNotContain("Customer", "Estimated value", "null");
    }

    private static MailFacts.Builder contosoFacts() {
        return MailFacts.builder()
                .referralId("MSX-REF-000123")
                .dealName("Contoso AI rollout")
                .customerName("Contoso Ltd")
                .estimatedValue(new Money(new BigDecimal("25000"), "USD"))
                .respondBy(Instant.parse("2026-12-08T10:00:01Z"))
                .sender("Sam Seller", "sam.seller@microsoft.example")
                .reason("not a fit")
                .notes("Wants a pilot in Q1")
                .seller("Mia Microsoft", "mia@microsoft.example")
                .contacts(List.of(new Contact("Pat Partner", "+1 425 555 0199", "pat@fabrikam.example")));
    }
}
