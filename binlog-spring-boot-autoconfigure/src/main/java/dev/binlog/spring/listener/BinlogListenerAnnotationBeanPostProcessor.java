package dev.binlog.spring.listener;

import dev.binlog.ChangeType;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.BinlogListenerConfigurer;
import dev.binlog.spring.OnCommit;
import dev.binlog.spring.OnSchemaChange;
import java.lang.annotation.Annotation;
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
 * annotations), {@link OnSchemaChange @OnSchemaChange} and {@link OnCommit @OnCommit} methods on every bean, also behind AOP proxies, and collects them; once all singletons exist it registers
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
        collectEventListeners(bean, beanName, targetClass, OnSchemaChange.class, ListenerEndpoint.Kind.SCHEMA_CHANGES);
        collectEventListeners(bean, beanName, targetClass, OnCommit.class, ListenerEndpoint.Kind.COMMITS);
        return bean;
    }

    /** {@code @OnSchemaChange} and {@code @OnCommit} methods: tables (and schemas), id and error handler. */
    private <A extends Annotation> void collectEventListeners(Object bean, String beanName, Class<?> targetClass,
            Class<A> type, ListenerEndpoint.Kind kind) {
        Map<Method, MergedAnnotation<A>> methods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<MergedAnnotation<A>>) method -> {
                    MergedAnnotation<A> annotation = MergedAnnotations
                            .from(method, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).get(type);
                    return annotation.isPresent() ? annotation : null;
                });
        methods.forEach((method, annotation) -> {
            if (MergedAnnotations.from(method, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                    .isPresent(BinlogListener.class)) {
                throw new BeanInitializationException("Cannot register the binlog listeners",
                        new InvalidListenerException(kind.annotation() + " bean '" + beanName + "' method "
                                + method.getName() + " is also a @BinlogListener; a method receives row changes, "
                                + "schema changes or commits: split it in two"));
            }
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            List<String> schemas = kind == ListenerEndpoint.Kind.SCHEMA_CHANGES
                    ? patterns(annotation.getStringArray("schema")) : List.of();
            String id = annotation.getString("id");
            if (id.isBlank()) {
                id = beanName + "." + method.getName();
            }
            collect(new ListenerEndpoint(environment.resolvePlaceholders(id), bean, beanName, invocable,
                    patterns(annotation.getStringArray("table")), Set.of(), Set.of(), "",
                    annotation.getString("errorHandler"), kind, schemas));
        });
    }

    /** Placeholders resolved, comma-separated lists split. */
    private List<String> patterns(String[] values) {
        return Arrays.stream(values)
                .map(environment::resolveRequiredPlaceholders)
                .flatMap(t -> Arrays.stream(t.split(",")))
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .toList();
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
        List<String> tables = patterns(annotation.getStringArray("tables"));
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
