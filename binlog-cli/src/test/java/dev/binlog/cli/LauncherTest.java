package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code binlog} shell launcher that the build puts next to the jar: run through a symbolic link from another
 * directory, it finds {@code binlog-cli.jar} beside itself and passes arguments and exit status through.
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("src/main/bin/binlog");

    @Test
    void runsTheJarNextToItThroughASymbolicLink(@TempDir Path dir) throws Exception {
        Path install = Files.createDirectories(dir.resolve("opt/binlog"));
        Path launcher = Files.copy(LAUNCHER, install.resolve("binlog"));
        assertThat(Files.isExecutable(LAUNCHER)).as("the launcher is executable in the source tree").isTrue();
        launcher.toFile().setExecutable(true);
        writeJar(install.resolve("binlog-cli.jar"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("binlog"), launcher);

        Process version = new ProcessBuilder(link.toString(), "--version").redirectErrorStream(true).start();
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("binlog (development build)\n");
        assertThat(version.exitValue()).isZero();

        Process missing = new ProcessBuilder(link.toString(), "read", dir.resolve("nope.000001").toString()).start();
        assertThat(missing.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(missing.exitValue()).isEqualTo(1);
        assertThat(new String(missing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("binlog read: " + dir.resolve("nope.000001") + ": no such binlog file; check the path\n");
    }

    /** A jar like the shaded one: the CLI as main class, here with the test class path instead of shaded classes. */
    private static void writeJar(Path jar) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, BinlogCli.class.getName());
        List<String> entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString()).toList();
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, entries.stream().collect(Collectors.joining(" ")));
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
    }
}
