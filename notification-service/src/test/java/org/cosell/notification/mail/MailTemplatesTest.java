package org.cosell.notification.mail;

import org.cosell.contracts.common.Contact;
import org.cosell.contracts.common.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MailTemplatesTest {

    private static final String HOSTILE = "<script>alert('x')</script> & \"Co\"\r\nBcc: evil@attacker.example";

    private final MailTemplates templates = new MailTemplates("https://partners.cosell.example/");

    @ParameterizedTest
    @EnumSource(MailKind.class)
    void everyKindNamesTheDealTheCustomerAndTheValueInTextAndHtml(MailKind kind) {
        RenderedMail mail = templates.render(kind, contosoFacts().build());

        assertThat(mail.subject()).contains("Contoso AI rollout").doesNotContain("\n", "\r", "[", "${");
        for (String body : List.of(mail.text(), mail.html())) {
            assertThat(body).contains("Contoso AI rollout", "Contoso Ltd", "25,000.00 USD", "What you can do")
                    .doesNotContain("${", "[(", "[#", "th:text", "th:if", "th:block", "null");
        }
        assertThat(mail.html()).startsWith("<!DOCTYPE html>").contains("<title>" + mail.subject().replace("&", "&amp;"));
    }

    @ParameterizedTest
    @EnumSource(MailKind.class)
    void everyKindLinksTheOpportunitysPageInThePortalInTextAndHtml(MailKind kind) {
        UUID id = UUID.fromString("3f2b6c1e-8c1a-4d3e-9a57-0d4c2b1a9e10");

        RenderedMail mail = templates.render(kind, contosoFacts().opportunityId(id).build());

        String page = "https://partners.cosell.example/opportunities/" + id;
        assertThat(mail.text()).contains("Open it in Cosell: " + page + "\n");
        assertThat(mail.html()).contains("<a href=\"" + page + "\"");
        RenderedMail withoutId = templates.render(kind, contosoFacts().build());
        assertThat(withoutId.text() + withoutId.html()).doesNotContain("/opportunities/", "Open it in Cosell");
    }

    @ParameterizedTest
    @EnumSource(MailKind.class)
    void theSubjectAloneIsTheSubjectOfTheWholeMail(MailKind kind) {
        MailFacts facts = contosoFacts().dealName(HOSTILE).build();

        assertThat(templates.subject(kind, facts)).isEqualTo(templates.render(kind, facts).subject());
        assertThat(templates.subject(kind, contosoFacts().build()))
                .isEqualTo(templates.render(kind, contosoFacts().build()).subject());
    }

    @Test
    void showsTheRespondByTimeWhereTheReaderMustAct() {
        for (MailKind kind : List.of(MailKind.REFERRAL_RECEIVED, MailKind.REFERRAL_REMINDER)) {
            RenderedMail mail = templates.render(kind, contosoFacts().build());

            assertThat(mail.text()).as(kind.name()).contains("8 Dec 2026, 10:00 UTC");
            assertThat(mail.html()).as(kind.name()).contains("8 Dec 2026, 10:00 UTC");
        }
        assertThat(templates.render(MailKind.REFERRAL_RECEIVED, contosoFacts().build()).subject())
                .isEqualTo("New referral: Contoso AI rollout for Contoso Ltd – answer by 8 Dec 2026");
    }

    @Test
    void escapesUpstreamTextInHtmlAndKeepsItOutOfHeaderLines() {
        MailFacts facts = contosoFacts().dealName(HOSTILE).customerName(HOSTILE).notes(HOSTILE)
                .sender(HOSTILE, "sam@microsoft.example").reason(HOSTILE)
                .contacts(List.of(new Contact(HOSTILE, "+1", "pat@fabrikam.example"))).build();

        for (MailKind kind : MailKind.values()) {
            RenderedMail mail = templates.render(kind, facts);

            assertThat(mail.html()).as(kind.name()).doesNotContain("<script>").contains("&lt;script&gt;");
            assertThat(mail.subject()).as(kind.name()).doesNotContain("\r", "\n").contains("<script>alert('x')</script>");
            assertThat(mail.text()).as(kind.name()).contains("<script>alert('x')</script>");
        }
    }

    @Test
    void flattensAndShortensAVeryLongSubject() {
        RenderedMail mail = templates.render(MailKind.ENGAGEMENT_ENGAGED,
                contosoFacts().dealName("x\n".repeat(500)).build());

        assertThat(mail.subject()).hasSize(MailTemplates.MAX_SUBJECT_LENGTH).doesNotContain("\n").endsWith("…");
    }

    @Test
    void namesAReferralWithoutADealNameByItsIdAndLeavesOutUnknownFacts() {
        RenderedMail mail = templates.render(MailKind.REFERRAL_DECLINED,
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
