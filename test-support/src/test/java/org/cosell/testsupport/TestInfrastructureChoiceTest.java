package org.cosell.testsupport;

import org.cosell.testsupport.TestInfrastructure.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TestInfrastructureChoiceTest {

    @Test
    void unsetUsesContainersOnlyWhereDockerAnswers() {
        assertThat(Kind.choose(null, () -> true)).isEqualTo(Kind.CONTAINERS);
        assertThat(Kind.choose(null, () -> false)).isEqualTo(Kind.EMBEDDED);
        assertThat(Kind.choose(" ", () -> false)).isEqualTo(Kind.EMBEDDED);
    }

    @Test
    void anExplicitChoiceWinsWithoutAskingDocker() {
        assertThat(Kind.choose("containers", () -> { throw new AssertionError("asked Docker"); }))
                .isEqualTo(Kind.CONTAINERS);
        assertThat(Kind.choose("embedded", () -> { throw new AssertionError("asked Docker"); }))
                .isEqualTo(Kind.EMBEDDED);
    }

    @Test
    void anUnknownChoiceIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Kind.choose("docker", () -> true))
                .withMessageContaining(TestInfrastructure.CHOICE_PROPERTY);
    }
}
