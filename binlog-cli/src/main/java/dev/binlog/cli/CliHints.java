package dev.binlog.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the advice in binlog-core's messages that names a Java API the CLI has no option for, so that a user is
 * never told to do what they cannot.
 */
final class CliHints {

    private static final String FULL_ROW_IMAGE_API = "; a live stream takes full row images only (BinlogFiles reads"
            + " binlog files with partial ones)";
    private static final String FULL_ROW_IMAGE_CLI = "; binlog tail streams full row images only: to print partial"
            + " ones, copy the binary log files and use binlog read";

    private static final String RESUME_POINT_API = " ChangeMetadata.transactionStart() or a commit's"
            + " Transaction.committedPosition()";
    private static final String RESUME_POINT_CLI = " JSON line's \"position\" (or --position-file)";

    private static final String SERVER_ID_API = "(BinlogClient.Builder.serverId)";
    private static final String SERVER_ID_CLI = "(--server-id)";

    // KafkaSink.checkTables and the oversized-record refusal name Spring properties and the sink's builder
    private static final Pattern KEY_COLUMNS_API = Pattern.compile(
            "\\(Spring: binlog\\.kafka\\.key-columns\\.(\\S+?)=col1,col2; KafkaSink\\.Builder\\.keyColumns\\)");
    private static final String MAX_REQUEST_SIZE_API = "raise max.request.size (Spring: "
            + "spring.kafka.producer.properties.max.request.size) and the topic's max.message.bytes, or set "
            + "binlog.kafka.oversized=skip to log and leave such records out.";
    private static final String MAX_REQUEST_SIZE_CLI = "raise max.request.size (--kafka-property"
            + " max.request.size=BYTES) and the topic's max.message.bytes.";

    private CliHints() {
    }

    static String rewrite(String message) {
        return message.replace(FULL_ROW_IMAGE_API, FULL_ROW_IMAGE_CLI)
                .replace("a change's" + RESUME_POINT_API, "a" + RESUME_POINT_CLI)
                .replace(SERVER_ID_API, SERVER_ID_CLI)
                .replace(MAX_REQUEST_SIZE_API, MAX_REQUEST_SIZE_CLI)
                .transform(text -> KEY_COLUMNS_API.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                        "(--key-columns " + m.group(1) + "=col1,col2)")));
    }
}
