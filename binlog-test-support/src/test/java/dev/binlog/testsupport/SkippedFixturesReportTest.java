package dev.binlog.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class SkippedFixturesReportTest {

    @Test
    void printsOneLineWithTheCountOfFixtureTestsThatSkipped() {
        String previous = System.getProperty("binlog.fixtures");
        System.setProperty("binlog.fixtures", "/work/missing/../shared/fixtures/binlogs");
        try {
            assertThat(run(SomeFixtureTests.class)).isEqualTo("Skipped 2 fixture tests: /work/shared/fixtures/binlogs"
                    + " not found" + System.lineSeparator());
        } finally {
            if (previous == null) {
                System.clearProperty("binlog.fixtures");
            } else {
                System.setProperty("binlog.fixtures", previous);
            }
        }
    }

    @Test
    void printsNothingWhenNoFixtureTestSkipped() {
        assertThat(run(OtherTests.class)).isEmpty();
    }

    private static String run(Class<?> tests) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SkippedFixturesReport report = new SkippedFixturesReport(new PrintStream(out, true, StandardCharsets.UTF_8));
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tests)).build(), report);
        return out.toString(StandardCharsets.UTF_8);
    }

    static class SomeFixtureTests {
        @Test
        void readsAFixture() {
            Assumptions.assumeTrue(false, SkippedFixturesReport.MARKER + ": ../shared/fixtures/binlogs/a.000001");
        }

        @Test
        void readsAnotherFixture() {
            Assumptions.assumeTrue(false, SkippedFixturesReport.MARKER);
        }

        @Test
        void needsNoFixture() {
        }

        @Test
        void skipsForAnotherReason() {
            Assumptions.assumeTrue(false, "no Docker");
        }
    }

    static class OtherTests {
        @Test
        void skipsForAnotherReason() {
            Assumptions.assumeTrue(false, "no Docker");
        }
    }
}
