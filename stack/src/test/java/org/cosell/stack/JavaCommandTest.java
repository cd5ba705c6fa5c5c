package org.cosell.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaCommandTest {

    @Test
    void everyServiceIsSizedOfItsOwn() {
        assertThat(JavaCommand.QUICK_START_SIZING.keySet())
                .containsExactlyInAnyOrderElementsOf(CosellService.ALL.stream().map(CosellService::name).toList());
    }

    @Test
    void aQuickStartIsTheCommonOptionsWithTheServicesOwnLimits() {
        assertThat(JavaCommand.quickStart(CosellService.DEAL_SERVICE))
                .containsAll(JavaCommand.QUICK_START_COMMON)
                .contains("-Xmx192m", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=48m")
                .doesNotContain("-Xmx256m");
        assertThat(JavaCommand.quickStart(CosellService.GATEWAY)).contains("-Xmx128m", "-XX:MaxMetaspaceSize=96m");
    }

    @Test
    void aQuickStartMapsClassDataArchivesWhereTheyWereBuiltToBe() {
        List<String> options = JavaCommand.quickStart(CosellService.PORTAL);

        // a diagnostic option: the JVM refuses to start when it comes before the unlock
        assertThat(options).containsSubsequence("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    }

    @Test
    void aServiceTheSizingDoesNotKnowGetsTheGeneralQuickStart() {
        assertThat(JavaCommand.quickStart(new CosellService("deal-service-replica", 8088, 9088)))
                .isEqualTo(JavaCommand.QUICK_START);
    }

    @Test
    void productionOptionsHoldNoneOfTheQuickStartsCompilerSettings() {
        assertThat(JavaCommand.PRODUCTION).noneMatch(option -> option.contains("Tiered") || option.contains("CICompiler"));
    }

    @Test
    void runsTheJarWithTheJavaOfThisJvm() {
        assertThat(JavaCommand.of(JavaCommand.QUICK_START, Path.of("x.jar"), "--flag"))
                .startsWith(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .endsWith("-jar", "x.jar", "--flag");
    }
}
