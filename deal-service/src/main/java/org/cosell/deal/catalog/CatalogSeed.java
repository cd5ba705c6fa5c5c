package org.cosell.deal.catalog;

import org.cosell.contracts.common.SolutionType;
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
 * Stores the shipped solution catalog at start (a JSON array of {@code {id, name, type,
 * registrationEligible}}, see the README). Entries are replaced by id, so a new release updates
 * them; the partners' own solutions are not touched. A broken file stops the start.
 */
@Component
class CatalogSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CatalogSeed.class);

    private final SolutionCatalog catalog;
    private final DealProperties properties;
    private final ResourceLoader resources;
    private final JsonMapper json;

    CatalogSeed(SolutionCatalog catalog, DealProperties properties, ResourceLoader resources, JsonMapper json) {
        this.catalog = catalog;
        this.properties = properties;
        this.resources = resources;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        String location = properties.solutionCatalogFile();
        if (location == null || location.isBlank()) {
            return;
        }
        List<ShippedSolution> solutions = read(resources.getResource(location));
        for (int index = 0; index < solutions.size(); index++) {
            ShippedSolution solution = solutions.get(index);
            if (blank(solution.id()) || blank(solution.name()) || solution.type() == null) {
                throw new IllegalStateException(location + ": entry " + index + " needs id, name and type");
            }
            catalog.ship(solution.id().strip(), solution.name().strip(), solution.type(), solution.registrationEligible());
        }
        log.info("Solution catalog: {} shipped entries from {}", solutions.size(), location);
    }

    private List<ShippedSolution> read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return json.readValue(in, new TypeReference<List<ShippedSolution>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the solution catalog " + resource, e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    record ShippedSolution(String id, String name, SolutionType type, boolean registrationEligible) {
    }
}
