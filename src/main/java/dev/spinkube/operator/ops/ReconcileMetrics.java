package dev.spinkube.operator.ops;

import dev.spinkube.operator.config.OperatorConfig;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The Java Operator SDK's reconcile counts, failures and durations, per controller. QOSDK's default collects them
 * per resource too (a series per SpinApp name): with thousands of apps that is thousands of series for Prometheus
 * to keep. {@code spin-operator.metrics.per-resource=true} brings the per-resource series back for debugging.
 */
public class ReconcileMetrics {

    @Produces
    @Singleton
    Metrics reconcileMetrics(MeterRegistry registry, OperatorConfig config) {
        return config.metrics().perResource()
                ? MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build()
                : MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build();
    }
}
