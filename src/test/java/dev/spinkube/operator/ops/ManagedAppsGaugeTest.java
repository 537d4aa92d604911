package dev.spinkube.operator.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppStatus;
import dev.spinkube.operator.status.ManagedApps;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** spin_operator_managed_apps: one series per known Ready status/reason, unknown reasons under "Other". */
class ManagedAppsGaugeTest {

    static SpinApp app(String status, String reason) {
        SpinApp app = new SpinApp();
        if (status != null) {
            app.setStatus(new SpinAppStatus());
            app.getStatus().setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus(status)
                    .withReason(reason).withMessage("secret db-credentials/token missing").build()));
        }
        return app;
    }

    static double gauge(SimpleMeterRegistry registry, String status, String reason) {
        Gauge g = registry.find(OperatorMetrics.MANAGED_APPS).tag("status", status).tag("reason", reason).gauge();
        return g == null ? Double.NaN : g.value();
    }

    SimpleMeterRegistry bound(List<SpinApp> apps) {
        OperatorMetrics metrics = new OperatorMetrics();
        metrics.apps = new ManagedApps();
        metrics.apps.watch(apps::stream);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        return registry;
    }

    @Test
    void countsAppsByReadyStatusAndReason() {
        SimpleMeterRegistry registry = bound(List.of(app("True", "AppReady"), app("True", "AppReady"),
                app("False", "MissingReference"), app(null, null)));
        assertEquals(2.0, gauge(registry, "True", "AppReady"));
        assertEquals(1.0, gauge(registry, "False", "MissingReference"));
        assertEquals(1.0, gauge(registry, "Unknown", "Pending"), "an app without status yet");
        assertEquals(0.0, gauge(registry, "False", "InvalidSpec"), "known reasons export a zero, so alerts can use them");
    }

    @Test
    void unknownReasonsAreCountedAsOtherSoLabelsStayAClosedSet() {
        SimpleMeterRegistry registry = bound(List.of(app("False", "db-credentials"), app("False", "SomethingNew"),
                app("True", "Whatever")));
        assertEquals(2.0, gauge(registry, "False", OperatorMetrics.OTHER));
        assertEquals(1.0, gauge(registry, "True", OperatorMetrics.OTHER));
        Set<String> reasons = registry.find(OperatorMetrics.MANAGED_APPS).meters().stream().map(Meter::getId)
                .map(id -> id.getTag("reason")).collect(Collectors.toSet());
        assertTrue(!reasons.contains("db-credentials") && !reasons.contains("SomethingNew"), reasons.toString());
        double total = registry.find(OperatorMetrics.MANAGED_APPS).gauges().stream().mapToDouble(Gauge::value).sum();
        assertEquals(3.0, total, "every app is counted exactly once");
    }
}
