package dev.binlog.spring.listener;

import dev.binlog.ChangeType;
import dev.binlog.spring.BinlogListener;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;

/**
 * Finds {@link BinlogListener @BinlogListener} methods (directly or through {@code @OnInsert} and other composed
 * annotations) on every bean, also behind AOP proxies, and registers them; an unusable signature fails startup with
 * an error naming the bean, method and parameter.
 */
public final class BinlogListenerAnnotationBeanPostProcessor implements BeanPostProcessor {

    private final Supplier<ListenerRegistry> registry;
    private final Environment environment;

    /** @param registry resolved on first use, so this post-processor pulls in no bean early */
    public BinlogListenerAnnotationBeanPostProcessor(Supplier<ListenerRegistry> registry, Environment environment) {
        this.registry = registry;
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        Map<Method, MergedAnnotation<BinlogListener>> methods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<MergedAnnotation<BinlogListener>>) method -> {
                    MergedAnnotation<BinlogListener> annotation = MergedAnnotations
                            .from(method, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).get(BinlogListener.class);
                    return annotation.isPresent() ? annotation : null;
                });
        methods.forEach((method, annotation) -> {
            // Invoke through the proxy (so @Transactional, @CacheEvict… apply) using the method it exposes.
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            registry.get().register(endpoint(bean, beanName, method, invocable, annotation));
        });
        return bean;
    }

    private ListenerEndpoint endpoint(Object bean, String beanName, Method method, Method invocable,
            MergedAnnotation<BinlogListener> annotation) {
        List<String> tables = Arrays.stream(annotation.getStringArray("tables"))
                .map(environment::resolveRequiredPlaceholders)
                .flatMap(t -> Arrays.stream(t.split(",")))
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .toList();
        ChangeType[] on = annotation.getEnumArray("on", ChangeType.class);
        Set<ChangeType> types = on.length == 0 ? EnumSet.noneOf(ChangeType.class) : EnumSet.copyOf(List.of(on));
        Set<String> columns = new LinkedHashSet<>(List.of(annotation.getStringArray("columns")));
        String id = annotation.getString("id");
        if (id.isBlank()) {
            id = beanName + "." + method.getName();
        }
        return new ListenerEndpoint(environment.resolvePlaceholders(id), bean, beanName, invocable, tables, types,
                columns, annotation.getString("condition"), annotation.getString("errorHandler"));
    }
}
