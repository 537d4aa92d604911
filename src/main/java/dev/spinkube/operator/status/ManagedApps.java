package dev.spinkube.operator.status;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import io.fabric8.kubernetes.api.model.Condition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The SpinApps the operator manages, as its cache sees them: counts by Ready condition status and
 * reason, for metrics. Reads the cache on demand; keeps no state of its own.
 */
@ApplicationScoped
public class ManagedApps {
    public record Ready(String status, String reason) {
    }

    private volatile Supplier<Stream<SpinApp>> source = Stream::empty;

    /** Called once by the SpinApp controller with its primary cache. */
    public void watch(Supplier<Stream<SpinApp>> apps) {
        this.source = apps;
    }

    public Map<Ready, Long> countByReady() {
        return source.get().map(ManagedApps::ready).collect(Collectors.groupingBy(r -> r, Collectors.counting()));
    }

    static Ready ready(SpinApp app) {
        List<Condition> conditions = app.getStatus() == null || app.getStatus().conditions == null ? List.of()
                : app.getStatus().conditions;
        return conditions.stream().filter(c -> AppStatus.READY.equals(c.getType())).findFirst()
                .map(c -> new Ready(c.getStatus(), c.getReason())).orElse(new Ready("Unknown", "Pending"));
    }
}
