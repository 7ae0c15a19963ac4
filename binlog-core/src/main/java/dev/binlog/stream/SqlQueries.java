package dev.binlog.stream;

import java.util.List;

/** Runs a text-protocol query and returns its rows as strings ({@code null} for SQL NULL). */
@FunctionalInterface
interface SqlQueries {

    List<String[]> query(String sql);
}
