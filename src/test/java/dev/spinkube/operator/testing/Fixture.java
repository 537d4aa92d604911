package dev.spinkube.operator.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** The test objects most tests start from, read from src/test/resources/fixtures and named per test. */
public final class Fixture {
    private Fixture() {
    }

    /** The shim executor of {@code fixtures/shim-executor.yaml}, named {@code name}. */
    public static SpinAppExecutor executor(String namespace, String name) {
        SpinAppExecutor e = Cluster.fixture("shim-executor.yaml", namespace, SpinAppExecutor.class);
        e.getMetadata().setName(name);
        return e;
    }

    /** The app of {@code fixtures/app.yaml}, named {@code name}, run by {@code executor}. */
    public static SpinApp app(String namespace, String name, String executor) {
        SpinApp a = Cluster.fixture("app.yaml", namespace, SpinApp.class);
        a.getMetadata().setName(name);
        a.getSpec().setExecutor(executor);
        return a;
    }

    public static Secret secret(String namespace, String name, String key, String value) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withData(Map.of(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
