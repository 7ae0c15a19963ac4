package dev.binlog.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Passwords given on the command line, so that no error message repeats one (picocli quotes arguments it cannot
 * match, and a mistyped option can swallow a password).
 */
final class Secrets {

    private static final String MASK = "****";
    private static final Pattern LOOKS_LIKE_PASSWORD = Pattern.compile("(?i)pas|pw|secret");

    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    /**
     * The values of {@code --password}/{@code -p} in {@code args}, in any of their spellings, and of any
     * {@code --NAME=value} argument whose name looks like a password option ({@code --pasword}, {@code --pwd}).
     */
    static Secrets fromArguments(String... args) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0
                    && LOOKS_LIKE_PASSWORD.matcher(arg.substring(0, equals)).find()) {
                // --password=..., and misspellings picocli would quote back as unknown options
                values.add(arg.substring(equals + 1));
            } else if (arg.startsWith("-p") && !arg.startsWith("--") && arg.length() > 2) {
                values.add(arg.substring(arg.charAt(2) == '=' ? 3 : 2));
            } else if ((arg.equals("--password") || arg.equals("-p")) && i + 1 < args.length
                    && !args[i + 1].startsWith("-")) {
                values.add(args[i + 1]);
            }
        }
        values.removeIf(String::isEmpty);
        return new Secrets(values);
    }

    /** {@code text} with every password replaced by a mask. */
    String redact(String text) {
        String result = text;
        for (String value : values) {
            result = result.replace(value, MASK);
        }
        return result;
    }
}
