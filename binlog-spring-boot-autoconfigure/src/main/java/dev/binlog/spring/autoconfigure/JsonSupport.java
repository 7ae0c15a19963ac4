package dev.binlog.spring.autoconfigure;

import dev.binlog.spring.mapping.JacksonJsonColumnReader;
import dev.binlog.spring.mapping.JsonColumnReader;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Jackson for JSON columns when it is on the classpath: the application's mapper if it has one. */
final class JsonSupport {

    private static final boolean JACKSON = ClassUtils.isPresent("tools.jackson.databind.ObjectMapper",
            JsonSupport.class.getClassLoader());

    private JsonSupport() {
    }

    static JsonColumnReader reader(BeanFactory beans) {
        if (!JACKSON) {
            return null;
        }
        return Jackson.reader(beans);
    }

    /** Loaded only when Jackson is present. */
    private static final class Jackson {
        static JsonColumnReader reader(BeanFactory beans) {
            ObjectMapper mapper = beans.getBeanProvider(ObjectMapper.class).getIfAvailable(JsonMapper::new);
            return new JacksonJsonColumnReader(mapper);
        }
    }
}
