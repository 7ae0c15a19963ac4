package dev.binlog.spring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Puts the {@code binlog} indicator into the {@code readiness} health group (when the application has one, e.g. with
 * {@code management.endpoint.health.probes.enabled=true}), never into {@code liveness}: an application whose stream
 * is down should stop receiving traffic that depends on fresh data, not be restarted. An explicit
 * {@code management.endpoint.health.group.readiness.include} is left as the user wrote it.
 */
public final class BinlogReadinessGroup implements HealthEndpointGroupsPostProcessor, Ordered {

    static final String READINESS = "readiness";
    static final String INDICATOR = "binlog";

    private final boolean readinessConfigured;

    public BinlogReadinessGroup(Environment environment) {
        this.readinessConfigured = environment.containsProperty("management.endpoint.health.group.readiness.include");
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        HealthEndpointGroup readiness = groups.get(READINESS);
        if (readinessConfigured || readiness == null || readiness.isMember(INDICATOR)) {
            return groups;
        }
        Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
        for (String name : groups.getNames()) {
            all.put(name, name.equals(READINESS) ? new WithBinlog(readiness) : groups.get(name));
        }
        return HealthEndpointGroups.of(groups.getPrimary(), all);
    }

    /** After Boot's availability-probe groups are in place. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private record WithBinlog(HealthEndpointGroup group) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return INDICATOR.equals(name) || group.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }
}
