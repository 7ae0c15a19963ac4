package dev.binlog.kafka;

/** The JSON a {@link KafkaSink} writes into record keys and values. */
public enum KafkaFormat {

    /**
     * Debezium's change event envelope as its JSON converter writes it with schemas off: key {@code {"id":1}}, value
     * {@code before}, {@code after}, {@code source}, {@code op} ({@code c}/{@code u}/{@code d}/{@code r}),
     * {@code ts_ms}.
     */
    DEBEZIUM,

    /**
     * Maxwell's JSON: key {@code {"database":...,"table":...,"pk.id":1}}, value {@code database}, {@code table},
     * {@code type}, {@code ts}, {@code xid}, {@code commit}, {@code data}, {@code old}.
     */
    MAXWELL
}
