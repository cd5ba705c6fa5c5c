package org.cosell.deal.opportunity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.cosell.deal.opportunity.domain.DuplicateDeals.Customer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DuplicateDealsTest {

    @ParameterizedTest(name = "{0} / {1} is the same customer as {2} / {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Contoso Ltd.               | GB | contoso ltd            | gb
            Società Rossi S.p.A.       | IT | Societa Rossi          | IT
            SOCIETÀ ROSSI SPA          | IT | società rossi s.p.a.   | IT
            CONTOSO, INC.              | US | Contoso Inc            | US
            Contoso Incorporated       | US | Contoso                | US
            Fabrikam GmbH & Co. KG     | DE | Fabrikam               | DE
            Fabrikam GmbH              | DE | FABRIKAM gmbh          | DE
            Ferrari S.r.l.             | IT | Ferrari Srl            | IT
            Café Zürich AG             | CH | Cafe Zurich            | CH
            Northwind  Traders  Pty Ltd| AU | northwind-traders      | AU
            Adatum Corporation         | US | Adatum Corp.           | US
            Inc                        | US | inc.                   | US
            """)
    void sameCustomerDespiteCaseAccentsPunctuationAndLegalForm(String name, String country, String otherName, String otherCountry) {
        assertThat(DuplicateDeals.sameCustomer(new Customer(null, name, country), new Customer(null, otherName, otherCountry)))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} / {1} is not the same customer as {2} / {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Contoso Pharma Ltd         | GB | Contoso Ltd            | GB
            Contoso Ltd                | GB | Contoso Ltd            | IE
            Rossi S.p.A.               | IT | Rossini S.p.A.         | IT
            Società Rossi S.p.A.       | IT | Rossi Società          | IT
            Fabrikam                   | DE | Fabrikam Bank          | DE
            Limited Brands Inc         | US | Brands Inc             | US
            Inc                        | US | Contoso Inc            | US
            """)
    void differentCustomers(String name, String country, String otherName, String otherCountry) {
        assertThat(DuplicateDeals.sameCustomer(new Customer(null, name, country), new Customer(null, otherName, otherCountry)))
                .isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Contoso Ltd.               | contoso
            Società Rossi S.p.A.       | societa rossi
            Fabrikam GmbH & Co. KG     | fabrikam
            Ltd                        | ltd
            '  '                       | ''
            """)
    void customerKey(String name, String key) {
        assertThat(DuplicateDeals.customerKey(name)).isEqualTo(key);
    }

    @Test
    void theSameDunsNumberIsTheSameCustomerWhateverTheNameOrCountry() {
        assertThat(DuplicateDeals.sameCustomer(
                new Customer("123456789", "Contoso Ltd", "GB"), new Customer("123456789", "Contoso UK Holdings", "IE")))
                .isTrue();
        assertThat(DuplicateDeals.sameCustomer(
                new Customer("123456789", "Contoso Ltd", "GB"), new Customer("987654321", "Contoso Ltd", "GB")))
                .as("a different D-U-N-S number with the same name and country is still the same name")
                .isTrue();
    }

    @Test
    void noCountryOrNoNameMatchesNothingByName() {
        assertThat(DuplicateDeals.sameCustomer(new Customer(null, "Contoso", null), new Customer(null, "Contoso", null))).isFalse();
        assertThat(DuplicateDeals.sameCustomer(new Customer(null, null, "GB"), new Customer(null, null, "GB"))).isFalse();
    }

    @Test
    void namesRankByHowAlikeTheyAre() {
        String name = "Contoso Azure migration";
        double same = DuplicateDeals.nameSimilarity(name, "CONTOSO azure-migration!");
        double close = DuplicateDeals.nameSimilarity(name, "Contoso Azure migration phase 2");
        double far = DuplicateDeals.nameSimilarity(name, "Dynamics 365 roll-out");

        assertThat(same).isEqualTo(1.0);
        assertThat(close).isLessThan(same).isGreaterThan(far);
        assertThat(far).isGreaterThanOrEqualTo(0.0);
    }
}
