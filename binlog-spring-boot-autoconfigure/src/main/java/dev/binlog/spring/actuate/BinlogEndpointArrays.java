package dev.binlog.spring.actuate;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lets {@code POST /actuator/binlog} take {@code "tables": ["shop.orders", "shop.items"]} on Spring MVC: Boot reads
 * a web endpoint's body as a map of strings, so a JSON array would be refused before the endpoint saw it. An array of
 * strings in that endpoint's body becomes the comma-separated text the endpoint's list parameter is converted from
 * (the form {@code "tables": "shop.orders,shop.items"} that works on every web stack). Other requests pass untouched.
 */
@ControllerAdvice
public final class BinlogEndpointArrays extends RequestBodyAdviceAdapter {

    private static final String ENDPOINT_HANDLER = "org.springframework.boot.webmvc.actuate.endpoint.web";

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (!parameter.getDeclaringClass().getName().startsWith(ENDPOINT_HANDLER)
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return false;
        }
        HttpServletRequest request = attributes.getRequest();
        return "POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/binlog");
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        byte[] flattened = flatten(body);
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(flattened);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }

    /** The body with each array of strings joined by commas; anything that is not such a JSON object as it was. */
    private byte[] flatten(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (RuntimeException e) {
            return body; // let the endpoint's own reading say what is wrong with it
        }
        if (!(tree instanceof ObjectNode object)) {
            return body;
        }
        boolean changed = false;
        for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
            JsonNode value = field.getValue();
            if (value.isArray() && value.valueStream().allMatch(JsonNode::isString)) {
                List<String> items = value.valueStream().map(JsonNode::asString).toList();
                object.put(field.getKey(), String.join(",", items));
                changed = true;
            }
        }
        return changed ? json.writeValueAsString(object).getBytes(StandardCharsets.UTF_8) : body;
    }
}
