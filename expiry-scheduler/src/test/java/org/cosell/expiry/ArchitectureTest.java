package org.cosell.expiry;

import org.cosell.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** One package: the cycle rule between packages does not apply. */
class ArchitectureTest {

    private final ServiceArchitecture architecture = ServiceArchitecture.of(ExpirySchedulerApplication.class, new String[] {}, ExpiryTimer.class, TimerState.class, TimerChange.class);

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
}
