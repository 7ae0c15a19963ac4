package dev.binlog.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code binlog} in a JVM of its own, as from a shell: {@code main}, its logging setup and its exit status. */
record CliProcess(int status, String out, String err) {

    static CliProcess run(String... args) throws IOException, InterruptedException {
        return runInJvm(List.of(), args);
    }

    /** As {@link #run}, with {@code jvmOptions} (e.g. {@code -Xmx32m}) before the class name. */
    static CliProcess runInJvm(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Path outFile = Files.createTempFile("binlog-out", ".txt");
        Path errFile = Files.createTempFile("binlog-err", ".txt");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BinlogCli.class.getName()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command)
                    .redirectOutput(outFile.toFile())
                    .redirectError(errFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("binlog " + String.join(" ", args) + " did not end within 60 s");
            }
            return new CliProcess(process.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }
}
