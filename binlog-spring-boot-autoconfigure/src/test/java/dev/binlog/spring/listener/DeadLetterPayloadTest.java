package dev.binlog.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import org.junit.jupiter.api.Test;

class DeadLetterPayloadTest {

    private static final ColumnNames NAMES = new ColumnNames(List.of("id", "name", "price", "note"));

    private static RowChange update() {
        Row before = new Row(NAMES, new Object[] {7, "cup", new BigDecimal("2.50"), null}, null);
        Row after = new Row(NAMES, new Object[] {7, "mug", new BigDecimal("3.10"), null}, null);
        ChangeMetadata metadata = new ChangeMetadata("mysql-bin.000003", 1207, "0-1-42", 99L, 1,
                Instant.parse("2026-12-01T21:00:00Z"), 2, 5L, "UPDATE items SET name = 'mug'");
        return new RowChange(ChangeType.UPDATE, "shop", "items", before, after,
                new LinkedHashSet<>(List.of("name", "price")),
                Map.of("id", 7), metadata);
    }

    @Test
    void writesTheChangeAsJsonWithoutTheStatement() {
        assertThat(DeadLetterPayload.toJson(update())).isEqualTo("{\"type\":\"UPDATE\",\"schema\":\"shop\","
                + "\"table\":\"items\",\"before\":{\"id\":7,\"name\":\"cup\",\"price\":2.50,\"note\":null},"
                + "\"after\":{\"id\":7,\"name\":\"mug\",\"price\":3.10,\"note\":null},"
                + "\"changedColumns\":[\"name\",\"price\"],\"primaryKey\":{\"id\":7},\"metadata\":{"
                + "\"file\":\"mysql-bin.000003\",\"position\":1207,\"rowIndex\":2,\"gtid\":\"0-1-42\",\"xid\":99,"
                + "\"serverId\":1,\"timestamp\":\"2026-12-01T21:00:00Z\"}}");
        assertThat(DeadLetterPayload.keyJson(update())).isEqualTo("{\"id\":7}");
    }

    @Test
    void readsBackTheChangeWithTheValuesJsonGives() {
        RowChange back = DeadLetterPayload.fromJson(DeadLetterPayload.toJson(update()));
        assertThat(back.type()).isEqualTo(ChangeType.UPDATE);
        assertThat(back.qualifiedTable()).isEqualTo("shop.items");
        assertThat(back.before().asMap()).containsEntry("id", 7).containsEntry("name", "cup")
                .containsEntry("note", null);
        assertThat(back.after().getString("name")).isEqualTo("mug");
        assertThat(back.after().getBigDecimal("price")).isEqualByComparingTo("3.10");
        assertThat(back.changedColumns()).containsExactlyInAnyOrder("name", "price");
        assertThat(back.primaryKey()).isEqualTo(Map.of("id", 7));
        assertThat(back.metadata().binlogFile()).isEqualTo("mysql-bin.000003");
        assertThat(back.metadata().position()).isEqualTo(1207);
        assertThat(back.metadata().rowIndex()).isEqualTo(2);
        assertThat(back.metadata().gtid()).isEqualTo("0-1-42");
        assertThat(back.metadata().timestamp()).isEqualTo(Instant.parse("2026-12-01T21:00:00Z"));
    }
}
