package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MariaDbGtidListTest {

    @Test
    void parsesGtid() {
        assertThat(MariaDbGtid.parse("0-1-100")).isEqualTo(new MariaDbGtid(0, 1, 100));
        assertThat(new MariaDbGtid(1, 4294967295L, -1).toString()).isEqualTo("1-4294967295-18446744073709551615");
    }

    @Test
    void parsesListAndPrintsInDomainOrder() {
        MariaDbGtidList list = MariaDbGtidList.parse("2-1-7, 0-1-100");

        assertThat(list.toString()).isEqualTo("0-1-100,2-1-7");
        assertThat(list.get(2)).contains(new MariaDbGtid(2, 1, 7));
        assertThat(list.get(1)).isEmpty();
    }

    @Test
    void withReplacesTheDomainsPosition() {
        MariaDbGtidList list = MariaDbGtidList.parse("0-1-100,1-1-5").with(new MariaDbGtid(0, 2, 101));

        assertThat(list.toString()).isEqualTo("0-2-101,1-1-5");
    }

    @Test
    void blankTextIsEmpty() {
        assertThat(MariaDbGtidList.parse(" ").isEmpty()).isTrue();
        assertThat(MariaDbGtidList.empty().toString()).isEmpty();
    }

    @Test
    void rejectsDuplicateDomainAndMalformedGtid() {
        assertThatThrownBy(() -> MariaDbGtidList.parse("0-1-1,0-2-2"))
                .hasMessage("MariaDB GTID list '0-1-1,0-2-2' names domain 0 twice; a position holds one GTID per domain");
        assertThatThrownBy(() -> MariaDbGtid.parse("0-1"))
                .hasMessage("'0-1' is not a MariaDB GTID; expected domain-server-sequence such as 0-1-100");
    }
}
