package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Without a console picocli prompts on standard output and reads standard input; the answer is never echoed. */
class PasswordPromptTest {

    private final InputStream originalIn = System.in;
    private final PrintStream originalOut = System.out;
    private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

    @BeforeEach
    void typePassword() {
        System.setIn(new ByteArrayInputStream("typed-secret\n".getBytes(StandardCharsets.UTF_8)));
        System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setIn(originalIn);
        System.setOut(originalOut);
    }

    @Test
    void promptsForThePasswordWhenTheOptionHasNoValue() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BinlogCli.commandLine(new BinlogCli(name -> null, false), new PrintWriter(out),
                new PrintWriter(err), Secrets.fromArguments());

        TailCommand tail = (TailCommand) commandLine.parseArgs("tail", "-u", "repl", "--password", "--stop-at-end")
                .subcommand().commandSpec().userObject();

        assertThat(tail.connection.password(name -> null)).isEqualTo("typed-secret");
        assertThat(tail.stopAtEnd).isTrue();
        assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo("Enter password: ");
        assertThat(out.toString() + err).doesNotContain("typed-secret");
    }
}
