package dev.spinkube.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.KeyValueStoreConfig;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfig;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfigOption;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfigVarSource;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinVar;
import dev.spinkube.operator.api.v1alpha1.SqliteDatabaseConfig;
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
        e.getSpec().createDeployment = true;
        e.getSpec().deploymentConfig = new ExecutorDeploymentConfig();
        e.getSpec().deploymentConfig.runtimeClassName = "wasmtime-spin-v2";
        return e;
    }

    static SpinApp small(String name, String namespace) {
        SpinApp a = new SpinApp();
        a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withUid("uid-" + name).build());
        a.getSpec().executor = "containerd-shim-spin";
        a.getSpec().image = "ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0";
        a.getSpec().replicas = 1;
        return a;
    }

    /** 50 variables (10 from a Secret), 4 init containers/sidecars, 6 key-value stores and 4 databases. */
    static SpinApp large(String name, String namespace) {
        SpinApp a = small(name, namespace);
        List<SpinVar> vars = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            SpinVar v = new SpinVar();
            v.name = "variable_" + i;
            if (i % 5 == 0) {
                v.valueFrom = new EnvVarSourceBuilder().withSecretKeyRef(new SecretKeySelector("key" + i, "app-secrets", false)).build();
            } else {
                v.value = "value-" + i;
            }
            vars.add(v);
        }
        a.getSpec().variables = vars;
        a.getSpec().initContainers = List.of(
                new ContainerBuilder().withName("wait-db").withImage("busybox:1.36").build(),
                new ContainerBuilder().withName("logshipper").withImage("alpine:3.20").withRestartPolicy("Always").build(),
                new ContainerBuilder().withName("daprd").withImage("ghcr.io/dapr/daprd:1.14.4").withRestartPolicy("Always")
                        .addNewPort().withContainerPort(3500).endPort().build(),
                new ContainerBuilder().withName("envoy").withImage("envoyproxy/envoy:v1.31.2").withRestartPolicy("Always")
                        .addNewPort().withContainerPort(8080).endPort().build());
        a.getSpec().runtimeConfig = new RuntimeConfig();
        List<KeyValueStoreConfig> stores = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            KeyValueStoreConfig kv = new KeyValueStoreConfig();
            kv.name = "store" + i;
            kv.type = "redis";
            kv.options = List.of(option("url", "redis://redis-" + i + ":6379"), secretOption("password", "kv" + i));
            stores.add(kv);
        }
        a.getSpec().runtimeConfig.keyValueStores = stores;
        List<SqliteDatabaseConfig> dbs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SqliteDatabaseConfig db = new SqliteDatabaseConfig();
            db.name = "db" + i;
            db.type = "libsql";
            db.options = List.of(option("url", "https://db" + i + ".example"), secretOption("token", "db" + i));
            dbs.add(db);
        }
        a.getSpec().runtimeConfig.sqliteDatabases = dbs;
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
        RuntimeConfigOption o = new RuntimeConfigOption();
        o.name = name;
        o.value = value;
        return o;
    }

    private static RuntimeConfigOption secretOption(String name, String key) {
        RuntimeConfigOption o = new RuntimeConfigOption();
        o.name = name;
        o.valueFrom = new RuntimeConfigVarSource();
        o.valueFrom.secretKeyRef = new SecretKeySelector(key, "app-secrets", false);
        return o;
    }
}
