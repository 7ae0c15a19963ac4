package dev.binlog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A JFR recording around one client's catch-up, when {@code -Dbinlog.bench.jfr=ours,ours_spring} (client names, or
 * {@code all}) asks for it: the JDK's "profile" settings (execution samples every 10-20 ms, allocation samples),
 * written to {@code target/profiles/catch-up-<client>.jfr}; {@link JfrTop} prints its hot methods.
 */
final class CatchUpProfile implements AutoCloseable {

    private static final Path DIR = Path.of("target", "profiles");

    private final Recording recording;
    private final Path file;

    private CatchUpProfile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** A running recording for {@code client}, or {@code null} when none was asked for. */
    static CatchUpProfile startIfAsked(String client) {
        String wanted = System.getProperty("binlog.bench.jfr");
        if (wanted == null || wanted.isBlank()
                || !(wanted.equals("all") || java.util.List.of(wanted.split(",")).contains(client))) {
            return null;
        }
        try {
            Files.createDirectories(DIR);
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setName("catch-up-" + client);
            recording.start();
            return new CatchUpProfile(recording, DIR.resolve("catch-up-" + client.replace('@', '-') + ".jfr"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("the JDK's JFR settings 'profile' do not parse", e);
        }
    }

    @Override
    public void close() {
        try {
            recording.stop();
            recording.dump(file);
            recording.close();
            System.out.println("e2e: JFR recording of the catch-up written to " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
