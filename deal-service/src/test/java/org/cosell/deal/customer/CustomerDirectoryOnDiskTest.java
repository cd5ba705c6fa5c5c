package org.cosell.deal.customer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.cosell.contracts.common.Address;
import org.cosell.contracts.common.Customer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory on the database the local launcher runs, mongo-java-server's H2 store, with as many
 * customers as a busy day brings: its store failed to replace documents whose id was a sub-document
 * once a collection held a few thousand (a duplicate key error), and a customer seen again must
 * replace its entry wherever it is stored.
 */
class CustomerDirectoryOnDiskTest {

    private static final int CUSTOMERS = 3_000;
    private static final int PARTNERS = 37;

    @TempDir
    Path directory;

    private MongoServer server;
    private MongoClient client;
    private CustomerDirectory customers;

    @BeforeEach
    void startDatabase() {
        server = new MongoServer(new H2Backend(directory.resolve("deals.mv").toString()));
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://localhost:" + address.getPort());
        customers = new CustomerDirectory(new MongoTemplate(client, "deals"),
                Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stopDatabase() {
        client.close();
        server.shutdown();
    }

    @Test
    void customersSeenAgainReplaceTheirEntriesOneByOneAndInBatches() {
        List<CustomerDirectory.Sighting> sightings = IntStream.range(0, CUSTOMERS).mapToObj(this::sighting).toList();
        customers.learnAll(sightings);

        sightings.forEach(sighting -> customers.learn(sighting.partnerId(), sighting.customer()));
        customers.learnAll(sightings);

        assertThat(client.getDatabase("deals").getCollection("customers").countDocuments()).isEqualTo(CUSTOMERS);
        assertThat(customers.suggest(partner(1_234), "Customer 1234 ", "US", "Redmond", 5))
                .extracting(DirectoryCustomer::name).containsExactly("Customer 1234 Inc");
    }

    private CustomerDirectory.Sighting sighting(int i) {
        Address address = new Address(i * 7_919 % 1_000 + " Main St", "Redmond", "WA", "98052", "US");
        return new CustomerDirectory.Sighting(partner(i), new Customer("Customer " + i + " Inc", null, address, null, false));
    }

    private static String partner(int i) {
        return String.valueOf(7_100_000 + i % PARTNERS);
    }
}
