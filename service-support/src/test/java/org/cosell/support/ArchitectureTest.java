package org.cosell.support;

import org.cosell.support.domain.NotFoundException;
import org.cosell.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The shared library keeps the rules it asks of the services, and knows none of them. */
class ArchitectureTest {

    private final ServiceArchitecture architecture =
            ServiceArchitecture.ofLibrary(NotFoundException.class, "org.cosell.support", "domain");

    @Test
    void domainKnowsNoTransport() {
        architecture.domainKnowsNoTransport();
    }

    @Test
    void usesNoService() {
        architecture.usesNoOtherService();
    }

    @Test
    void packagesHaveNoCycles() {
        architecture.packagesHaveNoCycles();
    }
}
