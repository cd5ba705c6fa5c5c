package org.cosell.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerScopedIdTest {

    @Test
    void writesEachPartWithItsLength() {
        assertThat(PartnerScopedId.of("7100004", "key-1")).isEqualTo("7:7100004/5:key-1");
        assertThat(PartnerScopedId.of(null, "duns:123456789")).isEqualTo("-/14:duns:123456789");
    }

    @Test
    void noTextInOnePartMakesTwoIdsEqual() {
        assertThat(PartnerScopedId.of("1", "2/3:x")).isNotEqualTo(PartnerScopedId.of("1/1:2", "3:x"));
        assertThat(PartnerScopedId.of("1", "2", "3")).isNotEqualTo(PartnerScopedId.of("1", "2/1:3"));
        assertThat(PartnerScopedId.of(null, "k")).isNotEqualTo(PartnerScopedId.of("-", "k"));
        assertThat(PartnerScopedId.of("", "k")).isNotEqualTo(PartnerScopedId.of(null, "k"));
    }
}
