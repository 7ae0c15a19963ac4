package dev.binlog.sample;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads products straight from the database (the slow path the cache saves). */
@Repository
public class ProductRepository {

    private static final RowMapper<Product> MAPPER = (rs, n) -> new Product(rs.getLong("id"), rs.getString("name"),
            rs.getBigDecimal("price"), rs.getInt("stock"), tags(rs.getString("tags")), rs.getString("attributes"),
            rs.getTimestamp("updated_at").toLocalDateTime());

    private final JdbcTemplate jdbc;

    public ProductRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Product> find(long id) {
        return jdbc.query("SELECT * FROM products WHERE id = ?", MAPPER, id).stream().findFirst();
    }

    public List<Product> findAll() {
        return jdbc.query("SELECT * FROM products ORDER BY id", MAPPER);
    }

    private static Set<String> tags(String value) {
        return value == null || value.isEmpty() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(value.split(",")));
    }
}
