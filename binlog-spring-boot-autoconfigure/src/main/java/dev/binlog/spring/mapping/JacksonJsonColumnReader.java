package dev.binlog.spring.mapping;

import org.springframework.core.convert.TypeDescriptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@link JsonColumnReader} with Jackson 3 (as Spring Boot 4 ships it). */
public final class JacksonJsonColumnReader implements JsonColumnReader {

    private final ObjectMapper mapper;

    public JacksonJsonColumnReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object read(String json, TypeDescriptor target) {
        if (JsonNode.class.isAssignableFrom(target.getType())) {
            return mapper.readTree(json);
        }
        return mapper.readValue(json, mapper.getTypeFactory().constructType(target.getResolvableType().getType()));
    }
}
