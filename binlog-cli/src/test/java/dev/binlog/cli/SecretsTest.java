package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksPasswordsInEverySpelling() {
        Secrets secrets = Secrets.fromArguments("--password=one", "-ptwo", "--password", "three", "-p", "four",
                "--passwd=five", "--pasword=six");

        assertThat(secrets.redact("one two three four five six seven")).isEqualTo("**** **** **** **** **** **** seven");
    }

    @Test
    void leavesTextAloneWithoutPasswords() {
        assertThat(Secrets.fromArguments("-p", "--user", "repl").redact("--user repl")).isEqualTo("--user repl");
    }
}
