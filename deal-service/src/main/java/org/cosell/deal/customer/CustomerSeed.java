package org.cosell.deal.customer;

import org.cosell.contracts.common.Address;
import org.cosell.deal.config.DealProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Loads the customer directory's shipped entries at start (a JSON array of {@code {name,
 * dunsNumber, address}}, see the README). Loading again stores each entry once, not twice.
 */
@Component
class CustomerSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CustomerSeed.class);

    private final CustomerDirectory directory;
    private final DealProperties properties;
    private final ResourceLoader resources;
    private final JsonMapper json;

    CustomerSeed(CustomerDirectory directory, DealProperties properties, ResourceLoader resources, JsonMapper json) {
        this.directory = directory;
        this.properties = properties;
        this.resources = resources;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        String location = properties.customerDirectoryFile();
        if (location == null || location.isBlank()) {
            return;
        }
        List<ShippedCustomer> customers = read(resources.getResource(location));
        for (int index = 0; index < customers.size(); index++) {
            ShippedCustomer customer = customers.get(index);
            if (customer.name() == null || customer.name().isBlank() || customer.address() == null
                    || customer.address().country() == null) {
                throw new IllegalStateException(location + ": entry " + index + " needs a name and address.country");
            }
            directory.ship(customer.name(), customer.dunsNumber(), customer.address());
        }
        log.info("Customer directory: {} shipped entries from {}", customers.size(), location);
    }

    private List<ShippedCustomer> read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return json.readValue(in, new TypeReference<List<ShippedCustomer>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the customer directory " + resource, e);
        }
    }

    record ShippedCustomer(String name, String dunsNumber, Address address) {
    }
}
