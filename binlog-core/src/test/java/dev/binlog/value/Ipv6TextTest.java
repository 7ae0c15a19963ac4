package dev.binlog.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ipv6TextTest {

    private static String text(String hex) {
        return Ipv6Text.format(HexFormat.of().parseHex(hex));
    }

    @Test
    void compressesTheLongestZeroRunAndMapsIpv4() {
        assertThat(text("20010db8000000000000ff0000428329")).isEqualTo("2001:db8::ff00:42:8329");
        assertThat(text("00000000000000000000000000000000")).isEqualTo("::");
        assertThat(text("00000000000000000000000000000001")).isEqualTo("::1");
        assertThat(text("00000000000000000000ffff0a000001")).isEqualTo("::ffff:10.0.0.1");
        assertThat(text("20010000000100000000000000000000")).isEqualTo("2001:0:1::");
    }
}
