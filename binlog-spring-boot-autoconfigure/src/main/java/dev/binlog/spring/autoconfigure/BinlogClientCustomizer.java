package dev.binlog.spring.autoconfigure;

import dev.binlog.stream.BinlogClient;

/** Adjusts the {@link BinlogClient.Builder} after the properties are applied, before the client is built. */
@FunctionalInterface
public interface BinlogClientCustomizer {

    void customize(BinlogClient.Builder builder);
}
