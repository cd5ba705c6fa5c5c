package org.cosell.deal;

import org.cosell.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final ServiceArchitecture architecture = ServiceArchitecture.of(DealServiceApplication.class);

    @Test
    void domainKnowsNoTransport() {
        architecture.domainKnowsNoTransport();
    }

    @Test
    void usesNoOtherService() {
        architecture.usesNoOtherService();
    }

    @Test
    void entryPointsAreNotCalled() {
        architecture.entryPointsAreNotCalled();
    }

    @Test
    void packagesHaveNoCycles() {
        architecture.packagesHaveNoCycles();
    }
}
