package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GtidStateTest {

    @Test
    void parsesTheFormOfTheGivenFlavour() {
        assertThat(GtidState.parse(ServerFlavor.MYSQL, "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"))
                .isEqualTo(GtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"));
        assertThat(GtidState.parse(ServerFlavor.MARIADB, "0-1-42,1-2-7"))
                .isEqualTo(MariaDbGtidList.parse("0-1-42,1-2-7"));
    }

    @Test
    void refusesTheOtherFlavoursForm() {
        assertThatThrownBy(() -> GtidState.parse(ServerFlavor.MYSQL, "0-1-42"))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> GtidState.parse(ServerFlavor.MARIADB, "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void storedTextNamesItsFlavourByItsWholeForm() {
        assertThat(GtidState.parseStored("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5").flavor())
                .isEqualTo(ServerFlavor.MYSQL);
        assertThat(GtidState.parseStored("0-1-42,1-2-7").flavor()).isEqualTo(ServerFlavor.MARIADB);
        assertThatThrownBy(() -> GtidState.parseStored("0-1-42:7"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("'0-1-42:7' is neither a MySQL GTID set (uuid:1-5) nor a MariaDB GTID list (0-1-42)");
    }

    @Test
    void emptyStatesPrintAsEmptyText() {
        assertThat(GtidState.empty(ServerFlavor.MYSQL)).isEqualTo(GtidSet.empty()).hasToString("");
        assertThat(GtidState.empty(ServerFlavor.MARIADB)).isEqualTo(MariaDbGtidList.empty()).hasToString("");
    }
}
