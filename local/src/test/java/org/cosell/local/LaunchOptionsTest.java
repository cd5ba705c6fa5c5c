package org.cosell.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void noArgumentsRunsEverythingOnDisk() {
        assertThat(LaunchOptions.parse()).isEqualTo(new LaunchOptions(false, false, false, null, false));
    }

    @Test
    void readsEveryFlagInAnyOrder() {
        assertThat(LaunchOptions.parse("--in-memory", "--infra-only")).isEqualTo(new LaunchOptions(true, true, false, null, false));
        assertThat(LaunchOptions.parse("--production-jvm").productionJvm()).isTrue();
        assertThat(LaunchOptions.parse("--help").help()).isTrue();
        assertThat(LaunchOptions.parse("-h").help()).isTrue();
        assertThat(LaunchOptions.parse("--bind-address", "0.0.0.0", "--in-memory"))
                .isEqualTo(new LaunchOptions(false, true, false, "0.0.0.0", false));
    }

    @Test
    void refusesABindAddressOptionWithoutAnAddress() {
        assertThatThrownBy(() -> LaunchOptions.parse("--bind-address"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--bind-address needs an address");
    }

    @Test
    void refusesAnUnknownOption() {
        assertThatThrownBy(() -> LaunchOptions.parse("--infra"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--infra");
    }

    @Test
    void usageNamesEveryFlag() {
        assertThat(LaunchOptions.USAGE).contains("--infra-only", "--in-memory", "--bind-address", "--help", "./mvnw -q -DskipTests package");
    }
}
