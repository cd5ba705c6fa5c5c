package org.cosell.deal.opportunity.application;

import org.cosell.contracts.common.Address;
import org.cosell.contracts.common.Customer;
import org.cosell.deal.DealApi;
import org.cosell.deal.customer.CustomerDirectory;
import org.cosell.deal.customer.DirectoryCustomer;
import org.cosell.testsupport.CosellServiceTest;
import org.cosell.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.cosell.deal.DealApi.body;
import static org.cosell.deal.DealApi.newDeal;

/**
 * Everything deal-service keys by partner stays apart for two partners whose ids, user ids or keys
 * were made to run together into one text: ids are documents of their parts, never joined strings.
 * Partner ids are taken as any text here, as the store must not rely on the token's checks.
 */
@CosellServiceTest
class CraftedPartnerIdsIT {

    @LocalServerPort
    int port;

    @Autowired
    CreationKeys creationKeys;

    @Autowired
    CustomerDirectory directory;

    @Autowired
    Favorites favorites;

    @Autowired
    MongoTemplate mongo;

    @Test
    void creationKeysOfPartnersWhoseIdAndKeyJoinToTheSameTextAreApart() {
        String suffix = UUID.randomUUID().toString();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Instant now = Instant.now();

        assertThat(creationKeys.claim("1:2", "3-" + suffix, first, now)).isEqualTo(first);
        assertThat(creationKeys.claim("1", "2:3-" + suffix, second, now)).isEqualTo(second);
        assertThat(creationKeys.claim("1:2", "3-" + suffix, UUID.randomUUID(), now)).isEqualTo(first);
    }

    @Test
    void aPartnerCalledLikeTheShippedScopeNeitherReplacesNorSeesShippedEntries() {
        String name = "Crafted Shipped " + UUID.randomUUID();
        String duns = Long.toString(100_000_000 + (long) (Math.random() * 899_999_999));
        Address shippedAddress = new Address("1 Main Street", "Seattle", "WA", "98101", "US");
        directory.ship(name, duns, shippedAddress);

        directory.learn("*", new Customer(name, duns, new Address("9 Other Road", "Tacoma", "WA", "98402", "US"),
                null, false));

        List<DirectoryCustomer> seenByAnyone = directory.suggest(DealApi.uniquePartnerId(), name, "US", null, 10);
        assertThat(seenByAnyone).singleElement().satisfies(entry -> {
            assertThat(entry.partnerId()).isNull();
            assertThat(entry.address().city()).isEqualTo("Seattle");
        });
        assertThat(mongo.find(Query.query(Criteria.where("name").is(name)), DirectoryCustomer.class))
                .extracting(DirectoryCustomer::partnerId, entry -> entry.address().city())
                .containsExactlyInAnyOrder(tuple(null, "Seattle"), tuple("*", "Tacoma"));
    }

    @Test
    void companiesWhosePlacesJoinToTheSameTextAreTwoEntries() {
        String partnerId = DealApi.uniquePartnerId();
        String name = "Crafted Place " + UUID.randomUUID();
        directory.learn(partnerId, new Customer(name, null, new Address("", "Bell|vue", null, null, "US"), null, false));
        directory.learn(partnerId, new Customer(name, null, new Address("vue|", "Bell", null, null, "US"), null, false));

        assertThat(directory.suggest(partnerId, name, "US", null, 10)).extracting(entry -> entry.address().city())
                .containsExactlyInAnyOrder("Bell|vue", "Bell");
    }

    @Test
    void aCustomerSeenAgainIsOneEntryAsLastSeen() {
        String partnerId = DealApi.uniquePartnerId();
        String name = "Seen Twice " + UUID.randomUUID();
        directory.learn(partnerId, new Customer(name, "123456789", new Address("1 Way", "Redmond", "WA", "98052", "US"),
                null, false));
        directory.learn(partnerId, new Customer(name, "123456789", new Address("2 Way", "Redmond", "WA", "98052", "US"),
                null, false));
        directory.learnAll(List.of(
                new CustomerDirectory.Sighting(partnerId, new Customer(name, "123456789",
                        new Address("3 Way", "Redmond", "WA", "98052", "US"), null, false)),
                new CustomerDirectory.Sighting(partnerId, new Customer(name + " Other", null,
                        new Address("4 Way", "Redmond", "WA", "98052", "US"), null, false))));

        assertThat(directory.suggest(partnerId, name, "US", null, 10)).extracting(entry -> entry.address().street())
                .containsExactlyInAnyOrder("3 Way", "4 Way");
    }

    @Test
    void usersOfTwoPartnersWithTheSameIdKeepTheirOwnFavorites() {
        DealApi api = new DealApi(port);
        String sharedSub = "crafted-user-" + UUID.randomUUID();
        TestUser ada = new TestUser(sharedSub, DealApi.uniquePartnerId(), List.of(TestUser.MPN_PARTNER_ADMIN),
                "ada@fabrikam.example", "Ada");
        TestUser namesake = new TestUser(sharedSub, DealApi.uniquePartnerId(), List.of(TestUser.MPN_PARTNER_ADMIN),
                "ada@northwind.example", "Ada");
        UUID adasDeal = UUID.fromString(api.createdDeal(ada, newDeal("Ada's deal")).get("id").asString());
        UUID namesakesDeal = UUID.fromString(api.createdDeal(namesake, newDeal("Namesake's deal")).get("id").asString());

        assertThat(api.put("/api/opportunities/" + adasDeal + "/favorite", ada).statusCode()).isEqualTo(204);
        assertThat(api.put("/api/opportunities/" + adasDeal + "/favorite", ada).statusCode()).isEqualTo(204);
        assertThat(api.put("/api/opportunities/" + namesakesDeal + "/favorite", namesake).statusCode()).isEqualTo(204);
        assertThat(api.delete("/api/opportunities/" + namesakesDeal + "/favorite", namesake).statusCode())
                .isEqualTo(204);

        assertThat(favoriteIds(api, ada)).containsExactly(adasDeal.toString());
        assertThat(favoriteIds(api, namesake)).isEmpty();
        assertThat(favorites.isFavorite(ada.partnerId(), sharedSub, adasDeal)).isTrue();
        assertThat(favorites.isFavorite(namesake.partnerId(), sharedSub, adasDeal)).isFalse();
    }

    private static List<String> favoriteIds(DealApi api, TestUser user) {
        List<String> ids = new ArrayList<>();
        body(api.get("/api/opportunities?tab=favorites", user)).get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
