package dev.spinkube.operator.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.OtelConfig;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;
import dev.spinkube.operator.api.v1alpha1.SpinVar;
import dev.spinkube.operator.spin.ListenAddress;
import dev.spinkube.operator.spin.SpinEnv;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The Spin container's environment, in this order: one {@code SPIN_VARIABLE_<NAME>} per variable,
 * {@code SPIN_HTTP_LISTEN_ADDR}, the executor's OTEL endpoints, {@code SPIN_MAX_INSTANCE_MEMORY},
 * {@code SPIN_COMPONENTS_TO_RETAIN}, then the executor's env and the app's env. A later entry with a
 * name already present replaces the earlier one and takes the later position, so that
 * {@code $(VAR)} references to entries defined before it still expand.
 */
public final class SpinContainerEnv {
    private SpinContainerEnv() {
    }

    public static List<EnvVar> of(SpinApp app, ExecutorDeploymentConfig config) {
        SpinAppSpec spec = app.getSpec();
        Map<String, EnvVar> env = new LinkedHashMap<>();
        for (SpinVar variable : spec.variables()) {
            add(env, new EnvVarBuilder().withName(SpinEnv.variable(variable.name()))
                    .withValue(emptyToNull(variable.value())).withValueFrom(variable.valueFrom()).build());
        }
        add(env, plain(SpinEnv.LISTEN_ADDRESS, ListenAddress.DEFAULT.toString()));
        otel(config).forEach(e -> add(env, e));
        maxInstanceMemoryBytes(spec).ifPresent(bytes -> add(env, plain(SpinEnv.MAX_INSTANCE_MEMORY, bytes)));
        if (!spec.components().isEmpty()) {
            add(env, plain(SpinEnv.COMPONENTS_TO_RETAIN, String.join(",", spec.components())));
        }
        config.env().forEach(e -> add(env, e));
        spec.env().forEach(e -> add(env, e));
        return new ArrayList<>(env.values());
    }

    static Optional<String> maxInstanceMemoryBytes(SpinAppSpec spec) {
        return spec.invocationLimits().memory()
                .map(memory -> Quantity.getAmountInBytes(new Quantity(memory)).toBigInteger().toString());
    }

    private static List<EnvVar> otel(ExecutorDeploymentConfig config) {
        List<EnvVar> env = new ArrayList<>();
        OtelConfig otel = config.otel();
        if (otel == null) {
            return env;
        }
        addIfSet(env, "OTEL_EXPORTER_OTLP_ENDPOINT", otel.exporterOtlpEndpoint());
        addIfSet(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", otel.exporterOtlpTracesEndpoint());
        addIfSet(env, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", otel.exporterOtlpMetricsEndpoint());
        addIfSet(env, "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", otel.exporterOtlpLogsEndpoint());
        return env;
    }

    private static void addIfSet(List<EnvVar> env, String name, String value) {
        if (value != null && !value.isEmpty()) {
            env.add(plain(name, value));
        }
    }

    private static void add(Map<String, EnvVar> env, EnvVar var) {
        env.remove(var.getName());
        env.put(var.getName(), var);
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
