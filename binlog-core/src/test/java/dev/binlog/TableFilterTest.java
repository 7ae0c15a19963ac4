package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableFilterTest {

    @Test
    void includesEveryUserTableByDefaultButNotInternalSchemas() {
        TableFilter all = TableFilter.all();
        assertThat(all.includesTable("shop", "orders")).isTrue();
        assertThat(all.includesTable("mysql", "user")).isFalse();
        assertThat(all.includesTable("sys", "sys_config")).isFalse();
    }

    @Test
    void matchesWildcardsWithinOnePart() {
        TableFilter filter = TableFilter.builder().include("shop.order_*").build();
        assertThat(filter.includesTable("shop", "order_lines")).isTrue();
        assertThat(filter.includesTable("shop", "orders")).isFalse();
        assertThat(filter.includesTable("shopping", "order_lines")).isFalse();
    }

    @Test
    void patternWithoutDotNamesWholeSchema() {
        TableFilter filter = TableFilter.builder().include("shop").build();
        assertThat(filter.includesTable("shop", "anything")).isTrue();
        assertThat(filter.includesTable("crm", "anything")).isFalse();
    }

    @Test
    void excludeWinsOverInclude() {
        TableFilter filter = TableFilter.builder().include("shop.*").exclude("shop.tmp_*").build();
        assertThat(filter.includesTable("shop", "orders")).isTrue();
        assertThat(filter.includesTable("shop", "tmp_import")).isFalse();
    }

    @Test
    void acceptsCommaSeparatedListsAndRegularExpressions() {
        TableFilter filter = TableFilter.builder().include("shop.orders, crm.*", "/audit\\d+\\.log/").build();
        assertThat(filter.includesTable("shop", "orders")).isTrue();
        assertThat(filter.includesTable("crm", "contacts")).isTrue();
        assertThat(filter.includesTable("audit2026", "log")).isTrue();
        assertThat(filter.includesTable("audit", "log")).isFalse();
    }

    @Test
    void matchesNamesCaseSensitively() {
        TableFilter filter = TableFilter.builder().include("shop.Orders").build();
        assertThat(filter.includesTable("shop", "Orders")).isTrue();
        assertThat(filter.includesTable("shop", "orders")).isFalse();
    }

    @Test
    void internalSchemaIsIncludedWhenNamedExplicitly() {
        TableFilter filter = TableFilter.builder().include("mysql.user").build();
        assertThat(filter.includesTable("mysql", "user")).isTrue();
    }

    @Test
    void limitsChangeTypes() {
        TableFilter filter = TableFilter.builder().types(ChangeType.INSERT, ChangeType.DELETE).build();
        assertThat(filter.includesType(ChangeType.INSERT)).isTrue();
        assertThat(filter.includesType(ChangeType.UPDATE)).isFalse();
        assertThat(TableFilter.all().includesType(ChangeType.UPDATE)).isTrue();
    }
}
