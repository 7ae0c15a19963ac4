package dev.binlog.testsupport;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.TestAbortedException;

/**
 * Says on the console, once per test run, how many fixture tests skipped because the real binlog files of
 * {@code ../shared/fixtures/binlogs} are not there: otherwise only the XML reports tell, and a green build looks as if
 * it had read them. Registered through {@code META-INF/services}, so every module whose tests use this one gets it.
 * A fixture test marks its skip with an assumption whose message starts with {@link #MARKER}.
 */
public final class SkippedFixturesReport implements TestExecutionListener {

    /** How fixture tests' assumption messages begin. */
    public static final String MARKER = "binlog fixtures folder absent";

    /** Shared: Surefire may register this listener twice (its own ServiceLoader and the launcher's). */
    private static final Set<String> SKIPPED = ConcurrentHashMap.newKeySet();
    private final PrintStream console;

    public SkippedFixturesReport() {
        // The process's own stderr, not System.err: Maven Surefire redirects that into a test's output file, and the
        // line must reach the console of the build.
        this(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }

    SkippedFixturesReport(PrintStream console) {
        this.console = console;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest() && reason != null && reason.contains(MARKER)) {
            SKIPPED.add(test.getUniqueId());
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED
                && result.getThrowable().filter(TestAbortedException.class::isInstance)
                        .map(Throwable::getMessage).filter(m -> m.contains(MARKER)).isPresent()) {
            SKIPPED.add(test.getUniqueId());
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        int count;
        synchronized (SKIPPED) {
            count = SKIPPED.size();
            SKIPPED.clear();
        }
        if (count > 0) {
            console.println("Skipped " + count + " fixture test" + (count == 1 ? "" : "s") + ": " + folder()
                    + " not found");
            console.flush();
        }
    }

    private static String folder() {
        String configured = System.getProperty("binlog.fixtures");
        return configured == null ? "../shared/fixtures/binlogs" : Path.of(configured).normalize().toString();
    }
}
