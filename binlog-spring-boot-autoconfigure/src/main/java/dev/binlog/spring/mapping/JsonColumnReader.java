package dev.binlog.spring.mapping;

import org.springframework.core.convert.TypeDescriptor;

/**
 * Reads JSON column text into a tree or an object, for fields no other conversion serves (a Jackson
 * {@code JsonNode}, or a POJO held in a JSON column). Present when Jackson is on the classpath.
 */
@FunctionalInterface
public interface JsonColumnReader {

    Object read(String json, TypeDescriptor target);
}
