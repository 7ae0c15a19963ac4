package dev.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ColumnNames;
import dev.binlog.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimaryKeyMapTest {

    private final ColumnNames names = new ColumnNames(List.of("tenant", "name", "id"));
    private final Row row = new Row(names, new Object[] {7, "cup", 42L}, null);

    @Test
    void behavesAsAnUnmodifiableMapOfTheKeyColumnsInKeyOrder() {
        Map<String, Object> key = new PrimaryKeyMap(names, new int[] {2, 0}, row);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 42L);
        expected.put("tenant", 7);

        assertThat(key).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(key).containsExactly(Map.entry("id", 42L), Map.entry("tenant", 7));
        assertThat(key.toString()).isEqualTo("{id=42, tenant=7}");
        assertThat(key.get("id")).isEqualTo(42L);
        assertThat(key.get("name")).as("not a key column").isNull();
        assertThat(key.containsKey("name")).isFalse();
        assertThatThrownBy(() -> key.put("id", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
