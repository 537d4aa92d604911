package dev.spinkube.operator.desired;

import java.util.Map;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.render.Manifests;
import dev.spinkube.operator.spin.DataRef;
import dev.spinkube.operator.spin.ResolvedReferences;
import dev.spinkube.operator.testing.Yaml;

/** SpinApps and executors from YAML snippets, the way users write them. */
final class Fixtures {
    static final String SHIM = """
            apiVersion: core.spinkube.dev/v1alpha1
            kind: SpinAppExecutor
            metadata: {name: shim, namespace: default}
            spec:
              createDeployment: true
              deploymentConfig: {runtimeClassName: wasmtime-spin-v2}
            """;

    private Fixtures() {
    }

    static SpinApp app(String spec) {
        return Yaml.app("app", spec);
    }

    static SpinAppExecutor executor(String yaml) {
        return Manifests.parse(yaml, "test").executors.get(0);
    }

    static DesiredObjects render(SpinApp app, SpinAppExecutor executor, Map<DataRef, String> values) {
        return DesiredState.of(app, executor, ResolvedReferences.ofValues(values));
    }

    static DesiredObjects render(SpinApp app) {
        return render(app, executor(SHIM), Map.of());
    }
}
