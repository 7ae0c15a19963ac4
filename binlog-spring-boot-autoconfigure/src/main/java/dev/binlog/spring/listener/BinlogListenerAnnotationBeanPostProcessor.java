package dev.binlog.spring.listener;

import dev.binlog.ChangeType;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.BinlogListenerConfigurer;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;

/**
 * Finds {@link BinlogListener @BinlogListener} methods (directly or through {@code @OnInsert} and other composed
 * annotations) on every bean, also behind AOP proxies, and collects them; once all singletons exist it registers
 * them, then lets every {@link BinlogListenerConfigurer} bean (in {@code @Order}) register its own, as spring-kafka
 * does. Registering checks each listener and resolves its error handler bean, so an unusable signature or a wrong
 * handler name fails the start with an error naming the bean, method and what is wrong. A bean created later (lazy,
 * prototype) has its listeners registered at once.
 */
public final class BinlogListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

    private final Supplier<ListenerRegistry> registry;
    private final Environment environment;
    private final List<ListenerEndpoint> collected = new ArrayList<>();
    private boolean registered;
    private BeanFactory beanFactory;

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
            collect(endpoint(bean, beanName, method, invocable, annotation));
        });
        return bean;
    }

    private synchronized void collect(ListenerEndpoint endpoint) {
        if (registered) {
            registry.get().register(endpoint);
        } else {
            collected.add(endpoint);
        }
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /** Registers what was collected, then the configurers' endpoints; an invalid one fails the start. */
    @Override
    public void afterSingletonsInstantiated() {
        ListenerRegistry target = registry.get();
        try {
            synchronized (this) {
                collected.forEach(target::register);
                collected.clear();
                registered = true;
            }
            if (beanFactory != null) {
                beanFactory.getBeanProvider(BinlogListenerConfigurer.class).orderedStream()
                        .forEach(configurer -> configurer.configure(target));
            }
        } catch (InvalidListenerException e) {
            // As a failing bean would: the cause is what Boot's failure analysis shows.
            throw new BeanInitializationException("Cannot register the binlog listeners", e);
        }
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
