package dev.spinkube.operator.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.spinkube.operator.api.v1alpha1.ReadyReason;
import dev.spinkube.operator.api.v1alpha1.SpinAppStatus;
import dev.spinkube.operator.status.ManagedApps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The operator's own metrics, next to the Java Operator SDK's per-controller ones: managed SpinApps by
 * Ready status and reason, and the process's resident memory. Labels carry reasons only, never names or
 * values of Secrets.
 */
@ApplicationScoped
public class OperatorMetrics implements MeterBinder {
    static final String MANAGED_APPS = "spin_operator_managed_apps";
    static final String OTHER = "Other";

    @Inject
    ManagedApps apps;

    /** Every Ready status and reason of the API, each a series of its own even at zero, so alerts can use it. */
    static final List<ManagedApps.Ready> READY = Stream.of(ReadyReason.values()).map(ManagedApps.Ready::of).toList();

    @Override
    public void bindTo(MeterRegistry registry) {
        // a registry can outlive an application instance (tests restart Quarkus): drop gauges bound to the old one
        registry.find(MANAGED_APPS).meters().forEach(registry::remove);
        registry.find("process_resident_memory_bytes").meters().forEach(registry::remove);
        for (ManagedApps.Ready ready : READY) {
            managedApps(registry, ready, () -> apps.countByReady().getOrDefault(ready, 0L));
        }
        // a reason outside the known set (a newer operator's, or one copied from elsewhere) is counted, but
        // under "Other": label values stay a closed set, so nothing user-written reaches the scrape
        for (String status : List.of(SpinAppStatus.TRUE, SpinAppStatus.FALSE, SpinAppStatus.UNKNOWN)) {
            managedApps(registry, new ManagedApps.Ready(status, OTHER), () -> apps.countByReady().entrySet().stream()
                    .filter(e -> status.equals(e.getKey().status()) && !READY.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum());
        }
        Gauge.builder("process_resident_memory_bytes", OperatorMetrics::residentBytes)
                .description("Resident set size of the operator process (Linux /proc/self/statm)").baseUnit("bytes")
                .register(registry);
    }

    private static void managedApps(MeterRegistry registry, ManagedApps.Ready ready, Supplier<Number> count) {
        Gauge.builder(MANAGED_APPS, count)
                .description("SpinApps the operator manages, by Ready condition status and reason")
                .tag("status", ready.status()).tag("reason", ready.reason()).register(registry);
    }

    static double residentBytes() {
        try {
            String[] statm = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(statm[1]) * 4096.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
