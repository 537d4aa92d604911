package dev.spinkube.operator.reconciler;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinVar;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/** The reconcile loop against the in-process API server: create, update, delete, missing executor, status. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SpinAppReconcileTest {
    static final String NS = "default";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KubernetesClient client;

    @AfterEach
    void cleanUp() {
        client.resources(SpinApp.class).inNamespace(NS).delete();
        client.resources(SpinAppExecutor.class).inNamespace(NS).list().getItems().forEach(e -> SpinAppReconcileTestSupport
                .edit(client, SpinAppExecutor.class, NS, e.getMetadata().getName(), x -> x.getMetadata().setFinalizers(List.of())));
        client.resources(SpinAppExecutor.class).inNamespace(NS).delete();
        client.apps().deployments().inNamespace(NS).delete();
        client.services().inNamespace(NS).delete();
        client.secrets().inNamespace(NS).delete();
        await().atMost(WAIT).until(() -> client.resources(SpinApp.class).inNamespace(NS).list().getItems().isEmpty()
                && client.resources(SpinAppExecutor.class).inNamespace(NS).list().getItems().isEmpty());
    }

    static SpinAppExecutor shimExecutor(String name) {
        SpinAppExecutor e = new SpinAppExecutor();
        e.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        e.getSpec().createDeployment = true;
        e.getSpec().deploymentConfig = new ExecutorDeploymentConfig();
        e.getSpec().deploymentConfig.runtimeClassName = "wasmtime-spin-v2";
        return e;
    }

    static SpinApp app(String name, String executor) {
        SpinApp a = new SpinApp();
        a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        a.getSpec().executor = executor;
        a.getSpec().image = "ghcr.io/example/app:v1";
        a.getSpec().replicas = 1;
        return a;
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    void editApp(String name, Consumer<SpinApp> change) {
        SpinAppReconcileTestSupport.edit(client, SpinApp.class, NS, name, change);
    }

    void editExecutor(String name, Consumer<SpinAppExecutor> change) {
        SpinAppReconcileTestSupport.edit(client, SpinAppExecutor.class, NS, name, change);
    }

    /** The resourceVersions of the app and its Deployment: any write to either changes them. */
    String versions(String name) {
        return current(name).getMetadata().getResourceVersion() + "/" + deployment(name).getMetadata().getResourceVersion();
    }

    SpinApp current(String name) {
        return client.resources(SpinApp.class).inNamespace(NS).withName(name).get();
    }

    Condition readyCondition(String name) {
        SpinApp a = current(name);
        if (a == null || a.getStatus() == null || a.getStatus().conditions == null) {
            return null;
        }
        return a.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    @Test
    void createdAppGetsDeploymentServiceRuntimeConfigAndStatus() {
        client.resource(shimExecutor("shim")).create();
        client.resource(app("hello", "shim")).create();

        await().atMost(WAIT).untilAsserted(() -> {
            Deployment d = deployment("hello");
            assertNotNull(d);
            assertEquals("wasmtime-spin-v2", d.getSpec().getTemplate().getSpec().getRuntimeClassName());
            assertEquals(1, d.getSpec().getReplicas());
            assertEquals("SpinApp", d.getMetadata().getOwnerReferences().get(0).getKind());
            Service s = client.services().inNamespace(NS).withName("hello").get();
            assertNotNull(s);
            assertEquals(Map.of("core.spinkube.dev/app.hello.status", "ready"), s.getSpec().getSelector());
            String rc = d.getSpec().getTemplate().getSpec().getVolumes().get(0).getSecret().getSecretName();
            assertNotNull(client.secrets().inNamespace(NS).withName(rc).get(), "runtime config Secret " + rc);
            SpinApp a = current("hello");
            assertNotNull(a.getStatus());
            assertEquals("shim", a.getStatus().activeScheduler);
            assertEquals(0, a.getStatus().readyReplicas);
            assertEquals("hello", a.getStatus().deploymentName);
            assertEquals("hello", a.getStatus().serviceName);
            assertEquals(a.getMetadata().getGeneration(), a.getStatus().observedGeneration);
        });
    }

    @Test
    void specChangeRollsTheDeployment() {
        client.resource(shimExecutor("shim")).create();
        client.resource(app("roll", "shim")).create();
        await().atMost(WAIT).until(() -> deployment("roll") != null);

        editApp("roll", a -> {
            a.getSpec().image = "ghcr.io/example/app:v2";
            a.getSpec().replicas = 3;
        });

        await().atMost(WAIT).untilAsserted(() -> {
            Deployment d = deployment("roll");
            assertEquals("ghcr.io/example/app:v2", d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
            assertEquals(3, d.getSpec().getReplicas());
        });
        assertTrue(client.v1().events().inNamespace(NS).list().getItems().stream()
                .anyMatch(e -> "Scaled".equals(e.getReason()) && "Scaled from 1 to 3 replicas".equals(e.getMessage())));
    }

    @Test
    void missingExecutorIsReportedThenReconciledWhenItAppears() {
        client.resource(app("waiting", "later")).create();
        await().atMost(WAIT).untilAsserted(() -> {
            Condition ready = readyCondition("waiting");
            assertNotNull(ready);
            assertEquals("False", ready.getStatus());
            assertEquals("MissingExecutor", ready.getReason());
            assertEquals("Could not find SpinAppExecutor default/later", ready.getMessage());
        });
        assertNull(deployment("waiting"));
        assertTrue(client.v1().events().inNamespace(NS).list().getItems().stream()
                .anyMatch(e -> "MissingExecutor".equals(e.getReason()) && "Warning".equals(e.getType())
                        && "waiting".equals(e.getInvolvedObject().getName())));

        client.resource(shimExecutor("later")).create();
        await().atMost(WAIT).until(() -> deployment("waiting") != null);
    }

    @Test
    void executorWithoutDeploymentsGetsOnlyAServiceAndRemovesTheOperatorsDeployment() {
        client.resource(shimExecutor("switch")).create();
        client.resource(app("ext", "switch")).create();
        await().atMost(WAIT).until(() -> deployment("ext") != null);

        editExecutor("switch", e -> {
            e.getSpec().createDeployment = false;
            e.getSpec().deploymentConfig = null;
        });

        await().atMost(WAIT).until(() -> deployment("ext") == null);
        assertNotNull(client.services().inNamespace(NS).withName("ext").get());
    }

    @Test
    void executorDeletionIsBlockedWhileAppsUseIt() {
        client.resource(shimExecutor("busy")).create();
        client.resource(app("user", "busy")).create();
        await().atMost(WAIT).until(() -> deployment("user") != null);
        await().atMost(WAIT).until(() -> client.resources(SpinAppExecutor.class).inNamespace(NS).withName("busy").get()
                .getMetadata().getFinalizers().contains("core.spinkube.dev/finalizer"));

        client.resources(SpinAppExecutor.class).inNamespace(NS).withName("busy").delete();
        await().atMost(WAIT).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
                .anyMatch(ev -> "DeletionBlocked".equals(ev.getReason()) && "busy".equals(ev.getInvolvedObject().getName())));
        assertNotNull(client.resources(SpinAppExecutor.class).inNamespace(NS).withName("busy").get());

        client.resources(SpinApp.class).inNamespace(NS).withName("user").delete();
        await().atMost(WAIT).until(() -> client.resources(SpinAppExecutor.class).inNamespace(NS).withName("busy").get() == null);
    }

    @Test
    void changedSecretValueRollsThePodsAndUnknownSecretIsAMissingReference() {
        client.resource(shimExecutor("shim")).create();
        SpinApp a = app("secretive", "shim");
        SpinVar v = new SpinVar();
        v.name = "password";
        v.valueFrom = new EnvVarSourceBuilder().withNewSecretKeyRef("password", "creds", false).build();
        a.getSpec().variables = List.of(v);
        client.resource(a).create();

        await().atMost(WAIT).untilAsserted(() -> {
            Condition ready = readyCondition("secretive");
            assertNotNull(ready);
            assertEquals("MissingReference", ready.getReason());
            assertEquals("Secret \"creds\" key \"password\" does not exist in namespace \"default\"", ready.getMessage());
        });
        assertNull(deployment("secretive"));

        client.resource(secret("creds", "password", "one")).create();
        await().atMost(WAIT).until(() -> deployment("secretive") != null);
        String before = hash(deployment("secretive"));
        assertNotNull(before);

        client.secrets().inNamespace(NS).withName("creds")
                .edit(s -> new SecretBuilder(s).withData(secret("creds", "password", "two").getData()).build());
        await().atMost(WAIT).until(() -> !before.equals(hash(deployment("secretive"))));
        await().atMost(WAIT).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
                .anyMatch(e -> "RolloutStarted".equals(e.getReason()) && "secretive".equals(e.getInvolvedObject().getName())));
    }

    @Test
    void steadyStateWritesNothing() {
        client.resource(shimExecutor("shim")).create();
        client.resource(app("quiet", "shim")).create();
        await().atMost(WAIT).until(() -> current("quiet").getStatus() != null && deployment("quiet") != null);
        // settled: neither the app nor its Deployment changes for 2 s
        AtomicReference<String> versions = new AtomicReference<>("");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> versions.getAndSet(versions("quiet"))
                .equals(versions.get()), settled -> settled);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> versions("quiet").equals(versions.get()));
        String settled = versions.get();

        // an unrelated change to the executor's labels triggers a reconcile that must change nothing
        editExecutor("shim", e -> e.getMetadata().setLabels(Map.of("touched", "yes")));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> versions("quiet").equals(settled));
    }

    @Test
    void executorSchedulingDefaultsReachItsAppsWhenTheExecutorChanges() {
        client.resource(shimExecutor("nodes")).create();
        client.resource(app("placed", "nodes")).create();
        await().atMost(WAIT).until(() -> deployment("placed") != null);

        editExecutor("nodes", e -> e.getSpec().deploymentConfig.nodeSelector = Map.of("spin.dev/shim", "true"));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(Map.of("spin.dev/shim", "true"),
                deployment("placed").getSpec().getTemplate().getSpec().getNodeSelector()));
    }

    @Test
    void supersededRuntimeConfigIsDeletedOnceTheDeploymentRolledPastIt() {
        client.resource(shimExecutor("shim")).create();
        SpinApp a = app("rc", "shim");
        a.getSpec().runtimeConfig = new dev.spinkube.operator.api.v1alpha1.RuntimeConfig();
        var kv = new dev.spinkube.operator.api.v1alpha1.KeyValueStoreConfig();
        kv.name = "default";
        kv.type = "redis";
        a.getSpec().runtimeConfig.keyValueStores = List.of(kv);
        client.resource(a).create();
        await().atMost(WAIT).until(() -> deployment("rc") != null);
        String first = runtimeConfigName(deployment("rc"));

        editApp("rc", app -> app.getSpec().runtimeConfig.keyValueStores.get(0).type = "spin");
        await().atMost(WAIT).until(() -> !first.equals(runtimeConfigName(deployment("rc"))));
        String second = runtimeConfigName(deployment("rc"));
        assertNotNull(client.secrets().inNamespace(NS).withName(first).get(), "kept while the rollout runs");

        // the mock API server runs no Deployment controller: report the rollout as complete ourselves
        Deployment d = deployment("rc");
        d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration()).withReplicas(1).withUpdatedReplicas(1)
                .withReadyReplicas(1).build());
        client.resource(d).updateStatus();

        await().atMost(WAIT).until(() -> client.secrets().inNamespace(NS).withName(first).get() == null);
        assertNotNull(client.secrets().inNamespace(NS).withName(second).get());
        await().atMost(WAIT).until(() -> current("rc").getStatus().readyReplicas == 1);
    }

    static String runtimeConfigName(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getVolumes().get(0).getSecret().getSecretName();
    }

    static String hash(Deployment d) {
        var annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get("core.spinkube.dev/referenced-data-hash");
    }

    static Secret secret(String name, String key, String value) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withData(Map.of(key, java.util.Base64.getEncoder().encodeToString(value.getBytes()))).build();
    }
}
