package org.cosell.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Puts the shared test clock back on system time after each test. */
public class SharedClockReset implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        CosellInfrastructureInitializer.clock().reset();
    }
}
