package dev.spinkube.operator.reconciler;

import static dev.spinkube.operator.testing.Cluster.WAIT;
import static dev.spinkube.operator.testing.Cluster.admin;
import static dev.spinkube.operator.testing.Cluster.create;
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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.RuntimeConfigBuilder;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinVarBuilder;
import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.Fixture;
import dev.spinkube.operator.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The reconcile loop on a real API server (server-side apply): create, update, delete, missing executor, status. */
@QuarkusTest
@WithTestResource(RealApiServer.class)
class SpinAppReconcileTest {
    String ns;

    @BeforeEach
    void namespace() {
        ns = Cluster.newNamespace("reconcile");
    }

    SpinAppExecutor shimExecutor(String name) {
        return Fixture.executor(ns, name);
    }

    SpinApp app(String name, String executor) {
        return Fixture.app(ns, name, executor);
    }

    Deployment deployment(String name) {
        return Cluster.deployment(ns, name);
    }

    void editApp(String name, Consumer<SpinApp> change) {
        Cluster.edit(SpinApp.class, ns, name, change);
    }

    void editExecutor(String name, Consumer<SpinAppExecutor> change) {
        Cluster.edit(SpinAppExecutor.class, ns, name, change);
    }

    /** The resourceVersions of the app and its Deployment: any write to either changes them. */
    String versions(String name) {
        return current(name).getMetadata().getResourceVersion() + "/" + deployment(name).getMetadata().getResourceVersion();
    }

    SpinApp current(String name) {
        return Cluster.get(SpinApp.class, ns, name);
    }

    Condition readyCondition(String name) {
        return Cluster.condition(ns, name, "Ready").orElse(null);
    }

    @Test
    void createdAppGetsDeploymentServiceRuntimeConfigAndStatus() {
        create(shimExecutor("shim"));
        create(app("hello", "shim"));

        await().atMost(WAIT).untilAsserted(() -> {
            Deployment d = deployment("hello");
            assertNotNull(d);
            assertEquals("wasmtime-spin-v2", d.getSpec().getTemplate().getSpec().getRuntimeClassName());
            assertEquals(1, d.getSpec().getReplicas());
            assertEquals("SpinApp", d.getMetadata().getOwnerReferences().get(0).getKind());
            Service s = admin().services().inNamespace(ns).withName("hello").get();
            assertNotNull(s);
            assertEquals(Map.of("core.spinkube.dev/app.hello.status", "ready"), s.getSpec().getSelector());
            String rc = d.getSpec().getTemplate().getSpec().getVolumes().get(0).getSecret().getSecretName();
            assertNotNull(admin().secrets().inNamespace(ns).withName(rc).get(), "runtime config Secret " + rc);
            SpinApp a = current("hello");
            assertNotNull(a.getStatus());
            assertEquals("shim", a.getStatus().activeScheduler());
            assertEquals("hello", a.getStatus().deploymentName());
            assertEquals("hello", a.getStatus().serviceName());
            assertEquals(a.getMetadata().getGeneration(), a.getStatus().observedGeneration());
        });
    }

    @Test
    void appTurnsReadyBecauseItsPodBecameReady() {
        create(shimExecutor("shim"));
        create(app("up", "shim"));

        // the Deployment controller makes a ReplicaSet, the scheduler places its pod, the fake node reports it ready
        Condition ready = Cluster.awaitReady(ns, "up", "AppReady");
        assertEquals("True", ready.getStatus());
        SpinApp a = current("up");
        assertEquals(1, a.getStatus().readyReplicas());
        List<Pod> pods = admin().pods().inNamespace(ns).withLabel("core.spinkube.dev/app-name", "up").list().getItems();
        assertEquals(1, pods.size(), "one pod of the app's ReplicaSet");
        assertTrue(pods.get(0).getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())), "the pod is ready");
        assertEquals("ReplicaSet", pods.get(0).getMetadata().getOwnerReferences().get(0).getKind());
        assertEquals(1, deployment("up").getStatus().getAvailableReplicas());
    }

    @Test
    void deletedAppsObjectsAreGarbageCollected() {
        create(shimExecutor("shim"));
        create(app("gone", "shim"));
        Cluster.awaitReady(ns, "gone", "AppReady");
        String runtimeConfig = runtimeConfigName(deployment("gone"));

        admin().resources(SpinApp.class).inNamespace(ns).withName("gone").delete();

        // the garbage collector follows the owner references the operator set: nothing of the app is left
        await().atMost(WAIT).untilAsserted(() -> {
            assertNull(deployment("gone"), "Deployment");
            assertNull(admin().services().inNamespace(ns).withName("gone").get(), "Service");
            assertNull(admin().secrets().inNamespace(ns).withName(runtimeConfig).get(), "runtime config Secret");
            assertEquals(List.of(), admin().apps().replicaSets().inNamespace(ns).list().getItems(), "ReplicaSets");
            assertEquals(List.of(), admin().pods().inNamespace(ns).list().getItems(), "pods");
        });
    }

    @Test
    void specChangeRollsTheDeployment() {
        create(shimExecutor("shim"));
        create(app("roll", "shim"));
        await().atMost(WAIT).until(() -> deployment("roll") != null);

        editApp("roll", a -> {
            a.getSpec().setImage("ghcr.io/example/app:v2");
            a.getSpec().setReplicas(3);
        });

        await().atMost(WAIT).untilAsserted(() -> {
            Deployment d = deployment("roll");
            assertEquals("ghcr.io/example/app:v2", d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
            assertEquals(3, d.getSpec().getReplicas());
        });
        assertTrue(admin().v1().events().inNamespace(ns).list().getItems().stream()
                .anyMatch(e -> "Scaled".equals(e.getReason()) && "Scaled from 1 to 3 replicas".equals(e.getMessage())));
    }

    @Test
    void missingExecutorIsReportedThenReconciledWhenItAppears() {
        create(app("waiting", "later"));
        await().atMost(WAIT).untilAsserted(() -> {
            Condition ready = readyCondition("waiting");
            assertNotNull(ready);
            assertEquals("False", ready.getStatus());
            assertEquals("MissingExecutor", ready.getReason());
            assertEquals("Could not find SpinAppExecutor " + ns + "/later", ready.getMessage());
        });
        assertNull(deployment("waiting"));
        assertTrue(admin().v1().events().inNamespace(ns).list().getItems().stream()
                .anyMatch(e -> "MissingExecutor".equals(e.getReason()) && "Warning".equals(e.getType())
                        && "waiting".equals(e.getInvolvedObject().getName())));

        create(shimExecutor("later"));
        await().atMost(WAIT).until(() -> deployment("waiting") != null);
    }

    @Test
    void executorWithoutDeploymentsGetsOnlyAServiceAndRemovesTheOperatorsDeployment() {
        create(shimExecutor("switch"));
        create(app("ext", "switch"));
        await().atMost(WAIT).until(() -> deployment("ext") != null);

        editExecutor("switch", e -> {
            e.getSpec().setCreateDeployment(false);
            e.getSpec().setDeploymentConfig(null);
        });

        await().atMost(WAIT).until(() -> deployment("ext") == null);
        assertNotNull(admin().services().inNamespace(ns).withName("ext").get());
    }

    @Test
    void executorDeletionIsBlockedWhileAppsUseIt() {
        create(shimExecutor("busy"));
        create(app("user", "busy"));
        await().atMost(WAIT).until(() -> deployment("user") != null);
        await().atMost(WAIT).until(() -> admin().resources(SpinAppExecutor.class).inNamespace(ns).withName("busy").get()
                .getMetadata().getFinalizers().contains("core.spinkube.dev/finalizer"));

        admin().resources(SpinAppExecutor.class).inNamespace(ns).withName("busy").delete();
        await().atMost(WAIT).until(() -> admin().v1().events().inNamespace(ns).list().getItems().stream()
                .anyMatch(ev -> "DeletionBlocked".equals(ev.getReason()) && "busy".equals(ev.getInvolvedObject().getName())));
        assertNotNull(admin().resources(SpinAppExecutor.class).inNamespace(ns).withName("busy").get());

        admin().resources(SpinApp.class).inNamespace(ns).withName("user").delete();
        await().atMost(WAIT).until(() -> admin().resources(SpinAppExecutor.class).inNamespace(ns).withName("busy").get() == null);
    }

    @Test
    void changedSecretValueRollsThePodsAndUnknownSecretIsAMissingReference() {
        create(shimExecutor("shim"));
        SpinApp a = app("secretive", "shim");
        a.getSpec().setVariables(List.of(new SpinVarBuilder().withName("password")
                .withValueFrom(new EnvVarSourceBuilder().withNewSecretKeyRef("password", "creds", false).build()).build()));
        create(a);

        await().atMost(WAIT).untilAsserted(() -> {
            Condition ready = readyCondition("secretive");
            assertNotNull(ready);
            assertEquals("MissingReference", ready.getReason());
            assertEquals("Secret \"creds\" key \"password\" does not exist in namespace \"" + ns + "\"", ready.getMessage());
        });
        assertNull(deployment("secretive"));

        create(secret("creds", "password", "one"));
        await().atMost(WAIT).until(() -> deployment("secretive") != null);
        String before = hash(deployment("secretive"));
        assertNotNull(before);

        admin().secrets().inNamespace(ns).withName("creds")
                .edit(s -> new SecretBuilder(s).withData(secret("creds", "password", "two").getData()).build());
        await().atMost(WAIT).until(() -> !before.equals(hash(deployment("secretive"))));
        await().atMost(WAIT).until(() -> admin().v1().events().inNamespace(ns).list().getItems().stream()
                .anyMatch(e -> "RolloutStarted".equals(e.getReason()) && "secretive".equals(e.getInvolvedObject().getName())));
    }

    @Test
    void steadyStateWritesNothing() {
        create(shimExecutor("shim"));
        create(app("quiet", "shim"));
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
        create(shimExecutor("nodes"));
        create(app("placed", "nodes"));
        await().atMost(WAIT).until(() -> deployment("placed") != null);

        editExecutor("nodes", e -> e.getSpec().deploymentConfig().setNodeSelector(Map.of("spin.dev/shim", "true")));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(Map.of("spin.dev/shim", "true"),
                deployment("placed").getSpec().getTemplate().getSpec().getNodeSelector()));
    }

    @Test
    void supersededRuntimeConfigIsDeletedOnceTheDeploymentRolledPastIt() {
        create(shimExecutor("shim"));
        SpinApp a = app("rc", "shim");
        a.getSpec().setRuntimeConfig(new RuntimeConfigBuilder().addNewKeyValueStore().withName("default")
                .withType("redis").endKeyValueStore().build());
        create(a);
        Cluster.awaitReady(ns, "rc", "AppReady");
        String first = runtimeConfigName(deployment("rc"));

        // the new runtime config, with pods no node can take: the Deployment controller starts the rollout and
        // cannot finish it, so the old pod (and the Secret it mounts) stays
        editApp("rc", app -> {
            app.getSpec().runtimeConfig().keyValueStores().get(0).setType("spin");
            app.getSpec().setNodeSelector(Map.of("spin-test/no-such-node", "true"));
        });
        await().atMost(WAIT).until(() -> !first.equals(runtimeConfigName(deployment("rc"))));
        String second = runtimeConfigName(deployment("rc"));
        await().atMost(WAIT).until(() -> deployment("rc").getStatus().getUpdatedReplicas() != null);
        assertNotNull(admin().secrets().inNamespace(ns).withName(first).get(), "kept while the rollout runs");
        assertEquals(1, current("rc").getStatus().readyReplicas(), "the old pod still serves");

        // schedulable again: the new pod becomes ready, the old one goes, and with it the superseded Secret
        editApp("rc", app -> app.getSpec().setNodeSelector(null));
        await().atMost(WAIT).until(() -> admin().secrets().inNamespace(ns).withName(first).get() == null);
        assertNotNull(admin().secrets().inNamespace(ns).withName(second).get());
        assertEquals(second, runtimeConfigName(deployment("rc")));
        await().atMost(WAIT).until(() -> current("rc").getStatus().readyReplicas() == 1);
    }

    static String runtimeConfigName(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getVolumes().get(0).getSecret().getSecretName();
    }

    static String hash(Deployment d) {
        var annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get("core.spinkube.dev/referenced-data-hash");
    }

    Secret secret(String name, String key, String value) {
        return Fixture.secret(ns, name, key, value);
    }
}
