package dev.spinkube.operator.status;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.spinkube.operator.api.v1alpha1.ReadyReason;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppStatus;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The SpinApps the operator manages, as its cache sees them: counts by Ready condition status and
 * reason, for metrics. Reads the cache on demand; keeps no state of its own.
 */
@ApplicationScoped
public class ManagedApps {
    public record Ready(String status, String reason) {
        public static Ready of(ReadyReason reason) {
            return new Ready(reason.status(), reason.name());
        }
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
        return Optional.ofNullable(app.getStatus()).flatMap(SpinAppStatus::ready)
                .map(c -> new Ready(c.getStatus(), c.getReason())).orElse(Ready.of(ReadyReason.Pending));
    }
}
