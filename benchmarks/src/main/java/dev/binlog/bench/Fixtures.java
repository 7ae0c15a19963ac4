package dev.binlog.bench;

import dev.binlog.bench.ConnectorJDecoder.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real binlog files in {@code ../shared/fixtures/binlogs} (read in place, never copied) that both decoders read
 * to the end: the "fixtures" workload.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The fixtures folder, if present. */
    public static Optional<Path> dir() {
        Path dir = Path.of(System.getProperty("binlog.fixtures", "../../shared/fixtures/binlogs"));
        return Files.isDirectory(dir) ? Optional.of(dir.toAbsolutePath().normalize()) : Optional.empty();
    }

    /** Every fixture both decoders read without an error, with the first value difference if any. */
    public static List<FixtureFile> readableByBoth(Path dir) {
        List<FixtureFile> readable = new ArrayList<>();
        for (Path path : binlogFiles(dir)) {
            byte[] bytes = BinlogBytes.read(path);
            DecodeCount ours;
            DecodeCount theirs;
            try {
                ours = OurDecoder.decode(bytes, path.toString(), row -> { });
                theirs = ConnectorJDecoder.decode(bytes, Mode.FAST, row -> { });
                ConnectorJDecoder.decode(bytes, Mode.DEFAULT, row -> { });
            } catch (RuntimeException e) {
                continue;
            }
            List<String> differences = DifferentialCheck.differences(bytes, dir.relativize(path).toString(),
                    Mode.FAST);
            readable.add(new FixtureFile(path, bytes.length, ours.events(), ours.rows(), theirs.rows(),
                    differences.isEmpty() ? "" : differences.get(0)));
        }
        return readable;
    }

    private static List<Path> binlogFiles(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).filter(Fixtures::startsWithMagic).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean startsWithMagic(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && (magic[0] & 0xFF) == 0xFE && magic[1] == 'b' && magic[2] == 'i'
                    && magic[3] == 'n';
        } catch (IOException e) {
            return false;
        }
    }
}
