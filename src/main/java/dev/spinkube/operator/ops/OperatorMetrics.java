package dev.spinkube.operator.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.spinkube.operator.desired.Plan;
import dev.spinkube.operator.status.AppStatus;
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

    /** Every Ready status/reason the operator writes (status/AppStatus and desired/Plan). */
    static final List<ManagedApps.Ready> READY = List.of(new ManagedApps.Ready("True", "AppReady"),
            new ManagedApps.Ready("True", "ExternallyDeployed"), new ManagedApps.Ready("False", "PodsNotReady"),
            new ManagedApps.Ready("False", AppStatus.DEPLOYMENT_NOT_FOUND), new ManagedApps.Ready("False", Plan.MISSING_EXECUTOR),
            new ManagedApps.Ready("False", Plan.INVALID_SPEC), new ManagedApps.Ready("False", Plan.MISSING_REFERENCE),
            new ManagedApps.Ready("Unknown", "Pending"));

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
        for (String status : List.of("True", "False", "Unknown")) {
            managedApps(registry, new ManagedApps.Ready(status, OTHER), () -> apps.countByReady().entrySet().stream()
                    .filter(e -> status.equals(e.getKey().status()) && !READY.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum());
        }
        Gauge.builder("process_resident_memory_bytes", OperatorMetrics::residentBytes)
                .description("Resident set size of the operator process (Linux /proc/self/statm)").baseUnit("bytes")
                .register(registry);
    }

    private static void managedApps(MeterRegistry registry, ManagedApps.Ready ready, Supplier<Number> count) {
        Gauge.builder(MANAGED_APPS, count).description("SpinApps the operator manages, by Ready condition status and reason")
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
