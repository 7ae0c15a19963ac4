package dev.binlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A {@link PositionStore} in one text file holding {@link BinlogPosition#toString()}. A save writes a temporary file
 * beside it, forces it to disk and renames it over the old one, so a crash leaves either the old or the new position,
 * never a torn one.
 */
final class FilePositionStore implements PositionStore {

    private final Path path;

    FilePositionStore(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    @Override
    public Optional<BinlogPosition> load() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(BinlogPosition.parse(text));
        } catch (IOException e) {
            throw new BinlogException("cannot read the position file " + path + ": " + e.getMessage()
                    + "; check its permissions, or delete it to start from the configured start position", e);
        } catch (ConfigurationException e) {
            throw new BinlogException("the position file " + path + " is damaged (" + e.getMessage()
                    + "); fix or delete it to start from the configured start position", e);
        }
    }

    @Override
    public void save(BinlogPosition position) {
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Path parent = path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            byte[] bytes = (position.toString() + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(parent);
        } catch (IOException e) {
            throw new BinlogException("cannot save the position " + position + " to " + path + ": " + e.getMessage()
                    + "; the stream stops so that no change is acknowledged without a saved position", e);
        }
    }

    /** Makes the rename itself durable; not every file system lets a directory be opened, which is harmless. */
    private static void forceDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Directory fsync is best effort.
        }
    }

    @Override
    public String toString() {
        return "file " + path;
    }
}
