package dev.binlog.sample;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Set;

/** A row of {@code shop.products}. */
public record Product(long id, String name, BigDecimal price, int stock, Set<String> tags, String attributes,
        LocalDateTime updatedAt) {
}
