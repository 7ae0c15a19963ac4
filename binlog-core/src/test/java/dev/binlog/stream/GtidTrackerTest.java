package dev.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.GtidSet;
import dev.binlog.MariaDbGtidList;
import org.junit.jupiter.api.Test;

class GtidTrackerTest {

    @Test
    void mysqlSetIsUnknownUntilPreviousGtidsThenGrowsWithEachCommit() {
        MySqlGtidTracker tracker = new MySqlGtidTracker();
        assertThat(tracker.committed("3e11fa47-71ca-11e1-9e33-c80aa9429562:6")).isNull();

        tracker.known(GtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"));
        assertThat(tracker.committed("3e11fa47-71ca-11e1-9e33-c80aa9429562:6"))
                .hasToString("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-6");
        assertThat(tracker.current()).hasToString("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-6");
    }

    @Test
    void mariadbListKeepsTheLastGtidOfEachDomain() {
        MariaDbGtidTracker tracker = new MariaDbGtidTracker();
        tracker.known(MariaDbGtidList.parse("0-1-10"));
        assertThat(tracker.committed("0-1-11")).hasToString("0-1-11");
        assertThat(tracker.committed("1-2-5")).hasToString("0-1-11,1-2-5");
        assertThat(tracker.committed("0-1-12")).hasToString("0-1-12,1-2-5");
    }
}
