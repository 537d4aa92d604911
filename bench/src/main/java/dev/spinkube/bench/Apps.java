package dev.spinkube.bench;

import java.util.HashMap;
import java.util.Map;

import dev.spinkube.operator.api.v1alpha1.RuntimeConfigBuilder;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfigOption;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfigOptionBuilder;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutorSpecBuilder;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpecBuilder;
import dev.spinkube.operator.spin.DataRef;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/** The apps the benchmarks use: a small one like samples/simple.yaml and a large one. */
final class Apps {
    private Apps() {
    }

    static SpinAppExecutor executor(String namespace) {
        SpinAppExecutor e = new SpinAppExecutor();
        e.setMetadata(new ObjectMetaBuilder().withName("containerd-shim-spin").withNamespace(namespace).build());
        e.setSpec(new SpinAppExecutorSpecBuilder().withCreateDeployment(true)
                .withNewDeploymentConfig().withRuntimeClassName("wasmtime-spin-v2").endDeploymentConfig().build());
        return e;
    }

    static SpinApp small(String name, String namespace) {
        SpinApp a = new SpinApp();
        a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withUid("uid-" + name).build());
        a.setSpec(new SpinAppSpecBuilder().withExecutor("containerd-shim-spin")
                .withImage("ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0").withReplicas(1)
                .build());
        return a;
    }

    /** 50 variables (10 from a Secret), 4 init containers/sidecars, 6 key-value stores and 4 databases. */
    static SpinApp large(String name, String namespace) {
        SpinApp a = small(name, namespace);
        SpinAppSpecBuilder spec = new SpinAppSpecBuilder(a.getSpec());
        for (int i = 0; i < 50; i++) {
            if (i % 5 == 0) {
                spec.addNewVariable().withName("variable_" + i).withValueFrom(new EnvVarSourceBuilder()
                        .withSecretKeyRef(new SecretKeySelector("key" + i, "app-secrets", false)).build()).endVariable();
            } else {
                spec.addNewVariable().withName("variable_" + i).withValue("value-" + i).endVariable();
            }
        }
        spec.withInitContainers(
                new ContainerBuilder().withName("wait-db").withImage("busybox:1.36").build(),
                new ContainerBuilder().withName("logshipper").withImage("alpine:3.20").withRestartPolicy("Always").build(),
                new ContainerBuilder().withName("daprd").withImage("ghcr.io/dapr/daprd:1.14.4").withRestartPolicy("Always")
                        .addNewPort().withContainerPort(3500).endPort().build(),
                new ContainerBuilder().withName("envoy").withImage("envoyproxy/envoy:v1.31.2").withRestartPolicy("Always")
                        .addNewPort().withContainerPort(8080).endPort().build());
        RuntimeConfigBuilder runtimeConfig = new RuntimeConfigBuilder();
        for (int i = 0; i < 6; i++) {
            runtimeConfig.addNewKeyValueStore().withName("store" + i).withType("redis")
                    .withOptions(option("url", "redis://redis-" + i + ":6379"), secretOption("password", "kv" + i))
                    .endKeyValueStore();
        }
        for (int i = 0; i < 4; i++) {
            runtimeConfig.addNewSqliteDatabasis().withName("db" + i).withType("libsql")
                    .withOptions(option("url", "https://db" + i + ".example"), secretOption("token", "db" + i))
                    .endSqliteDatabasis();
        }
        a.setSpec(spec.withRuntimeConfig(runtimeConfig.build()).build());
        return a;
    }

    /** The values of every Secret key the large app refers to. */
    static Map<DataRef, String> largeSecrets() {
        Map<DataRef, String> values = new HashMap<>();
        for (int i = 0; i < 50; i += 5) {
            values.put(DataRef.secret("app-secrets", "key" + i, false), "secret-" + i);
        }
        for (int i = 0; i < 6; i++) {
            values.put(DataRef.secret("app-secrets", "kv" + i, false), "kv-secret-" + i);
        }
        for (int i = 0; i < 4; i++) {
            values.put(DataRef.secret("app-secrets", "db" + i, false), "db-secret-" + i);
        }
        return values;
    }

    private static RuntimeConfigOption option(String name, String value) {
        return new RuntimeConfigOptionBuilder().withName(name).withValue(value).build();
    }

    private static RuntimeConfigOption secretOption(String name, String key) {
        return new RuntimeConfigOptionBuilder().withName(name).withNewValueFrom()
                .withSecretKeyRef(new SecretKeySelector(key, "app-secrets", false)).endValueFrom().build();
    }
}
