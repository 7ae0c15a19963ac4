package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.BinlogFiles;
import dev.binlog.stream.ClientSettings;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The largest event the client and the file reader accept: 1 GiB unless set, from 1 KiB to 2047 MiB. */
class MaxEventSizeTest {

    private static BinlogClient.Builder client() {
        return BinlogClient.builder().user("repl").listener(change -> { });
    }

    @Test
    void theClientDefaultIsOneGibibyte() {
        assertThat(client().build().settings().maxEventSize()).isEqualTo(1073741824L);
        assertThat(ClientSettings.DEFAULT_MAX_EVENT_SIZE).isEqualTo(1073741824L);
    }

    @Test
    void theClientTakesTheSizeItIsGiven() {
        assertThat(client().maxEventSize(64L << 20).build().settings().maxEventSize()).isEqualTo(67108864L);
    }

    @Test
    void aSizeOutsideTheRangeIsAConfigurationError() {
        for (long bytes : new long[] {0, 1023, 2047L * 1024 * 1024 + 1, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> client().maxEventSize(bytes).build()).isInstanceOf(ConfigurationException.class)
                    .hasMessage("maxEventSize " + bytes + " bytes is outside 1 KiB (1024) to 2047 MiB (2146435072);"
                            + " the default is 1 GiB");
        }
        assertThatThrownBy(() -> BinlogFiles.reader(List.of(Path.of("mysql-bin.000001"))).maxEventSize(100))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("maxEventSize 100 bytes");
    }

    @Test
    void filesReadWithASmallerMaximumStopAtTheFirstLargerEventNamingFileAndPosition(@TempDir Path folder)
            throws Exception {
        Path path = folder.resolve("mysql-bin.000007");
        ByteBuffer header = ByteBuffer.allocate(4 + 19).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {(byte) 0xFE, 'b', 'i', 'n'}).putInt(1_700_000_000).put((byte) 2).putInt(1)
                .putInt(5 << 20).putInt(4 + (5 << 20)).putShort((short) 0);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(header.array());
            file.setLength(4 + (5 << 20));
        }

        assertThatThrownBy(() -> BinlogFiles.reader(List.of(path)).maxEventSize(4 << 20).listener(change -> { })
                .read())
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.corrupt()).isTrue())
                .hasMessage(path + " at 4: event header claims 5242880 bytes, more than the maximum event size of"
                        + " 4194304 bytes (4 MiB); if the file really holds events this large, raise maxEventSize"
                        + " (BinlogFiles.Builder.maxEventSize, binlog-cli option --max-event-size), else the file is"
                        + " damaged");
    }
}
