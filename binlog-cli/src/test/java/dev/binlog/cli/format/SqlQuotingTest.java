package dev.binlog.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlQuotingTest {

    @Test
    void escapesEverySpecialCharacterOfAStringLiteral() {
        assertThat(SqlQuoting.string("a\0b'c\"d\be\nf\rg\th\u001Ai\\j"))
                .isEqualTo("'a\\0b\\'c\\\"d\\be\\nf\\rg\\th\\Zi\\\\j'");
    }

    @Test
    void leavesOtherCharactersAlone() {
        assertThat(SqlQuoting.string("grüße % _ 😀")).isEqualTo("'grüße % _ 😀'");
        assertThat(SqlQuoting.string("")).isEqualTo("''");
    }

    @Test
    void doublesBackticksInIdentifiers() {
        assertThat(SqlQuoting.identifier("we`ird")).isEqualTo("`we``ird`");
        assertThat(SqlQuoting.table("shop", "order items")).isEqualTo("`shop`.`order items`");
    }

    @Test
    void writesBinaryAsUppercaseHex() {
        assertThat(SqlQuoting.hex(new byte[] {0, (byte) 0xCA, (byte) 0xFE, 0x7F})).isEqualTo("X'00CAFE7F'");
        assertThat(SqlQuoting.hex(new byte[0])).isEqualTo("X''");
    }
}
