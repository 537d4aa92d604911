package dev.spinkube.operator.reconciler;

import static dev.spinkube.operator.testing.Cluster.WAIT;
import static dev.spinkube.operator.testing.Cluster.admin;
import static dev.spinkube.operator.testing.Cluster.create;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinVarBuilder;
import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.Fixture;
import dev.spinkube.operator.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What clusters do to an operator: people edit or delete what it owns, Secrets vanish, autoscalers scale.
 * (Status writes cannot meet a 409 Conflict: with server-side apply they carry no resourceVersion.)
 */
@QuarkusTest
@WithTestResource(RealApiServer.class)
class ResilienceTest {
    String ns;

    @BeforeEach
    void executor() {
        ns = Cluster.newNamespace("resilience");
        create(Fixture.executor(ns, "shim"));
    }

    SpinApp app(String name, String executor) {
        return Fixture.app(ns, name, executor);
    }

    Deployment deployment(String name) {
        return Cluster.deployment(ns, name);
    }

    Condition ready(String name) {
        return Cluster.condition(ns, name, "Ready").orElse(null);
    }

    @Test
    void deletedDeploymentAndServiceArePutBack() {
        create(app("phoenix", "shim"));
        await().atMost(WAIT).until(() -> deployment("phoenix") != null
                && admin().services().inNamespace(ns).withName("phoenix").get() != null);

        admin().apps().deployments().inNamespace(ns).withName("phoenix").delete();
        admin().services().inNamespace(ns).withName("phoenix").delete();

        await().atMost(WAIT).until(() -> deployment("phoenix") != null
                && admin().services().inNamespace(ns).withName("phoenix").get() != null);
    }

    @Test
    void editedDeploymentIsPutBack() {
        create(app("edited", "shim"));
        await().atMost(WAIT).until(() -> deployment("edited") != null);

        // retried on 409: the Deployment controller writes the Deployment's status meanwhile
        Cluster.edit(Deployment.class, ns, "edited",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil:latest"));

        await().atMost(WAIT).untilAsserted(() -> assertEquals("ghcr.io/example/app:v1",
                deployment("edited").getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));
    }

    @Test
    void replicasScaledByAnAutoscalerAreLeftAlone() {
        SpinApp a = app("scaled", "shim");
        a.getSpec().setReplicas(null);
        a.getSpec().setEnableAutoscaling(true);
        create(a);
        await().atMost(WAIT).until(() -> deployment("scaled") != null);

        // as the HorizontalPodAutoscaler does: through the Deployment's scale subresource
        admin().apps().deployments().inNamespace(ns).withName("scaled").scale(5);
        // a change to the app makes the operator apply its Deployment again
        Cluster.edit(SpinApp.class, ns, "scaled", current -> current.getSpec().setPodLabels(Map
                .of("team", "web")));

        await().atMost(WAIT).until(() -> "web".equals(deployment("scaled").getSpec().getTemplate().getMetadata()
                .getLabels().get("team")));
        assertEquals(5, deployment("scaled").getSpec().getReplicas());
    }

    @Test
    void deletedReferencedSecretIsAMissingReferenceAndThePodsKeepRunning() {
        create(Fixture.secret(ns, "db", "password", "x"));
        SpinApp a = app("needy", "shim");
        a.getSpec().setVariables(List.of(new SpinVarBuilder().withName("password")
                .withValueFrom(new EnvVarSourceBuilder().withNewSecretKeyRef("password", "db", false).build()).build()));
        create(a);
        // settled first: until its pod is ready the Deployment controller writes the Deployment's status
        await().atMost(WAIT).until(() -> ready("needy") != null && "AppReady".equals(ready("needy").getReason()));
        String version = deployment("needy").getMetadata().getResourceVersion();

        admin().secrets().inNamespace(ns).withName("db").delete();

        await().atMost(WAIT).untilAsserted(() -> {
            assertNotNull(ready("needy"));
            assertEquals("MissingReference", ready("needy").getReason());
        });
        assertEquals(version, deployment("needy").getMetadata().getResourceVersion());
    }

    @Test
    void objectsLeftByAnEarlierRunAreAdoptedWithoutDuplicates() {
        // as if a previous operator process created the Deployment and then stopped before writing status
        SpinApp a = create(app("restarted", "shim"));
        await().atMost(WAIT).until(() -> deployment("restarted") != null && ready("restarted") != null);
        assertEquals(1, admin().apps().deployments().inNamespace(ns).withLabel("core.spinkube.dev/app-name", "restarted")
                .list().getItems().size());
        assertEquals(1, admin().services().inNamespace(ns).withLabel("core.spinkube.dev/app-name", "restarted").list()
                .getItems().size());
        assertEquals(1, admin().secrets().inNamespace(ns).withLabel("core.spinkube.dev/app-name", "restarted").list()
                .getItems().size());
        assertNotNull(a.getMetadata().getUid());
    }

    @Test
    void changedRuntimeConfigIsPutBackAndADeletedOneCreatedAgain() {
        create(app("kept", "shim"));
        await().atMost(WAIT).until(() -> deployment("kept") != null);
        String rc = SpinAppReconcileTest.runtimeConfigName(deployment("kept"));
        await().atMost(WAIT).until(() -> secret(rc) != null);
        Map<String, String> original = secret(rc).getData();

        admin().secrets().inNamespace(ns).withName(rc).edit(s -> {
            s.getData().replaceAll((k, v) -> Base64.getEncoder().encodeToString("[evil]".getBytes()));
            return s;
        });
        await().atMost(WAIT).untilAsserted(() -> assertEquals(original, secret(rc).getData()));

        admin().secrets().inNamespace(ns).withName(rc).delete();
        await().atMost(WAIT).untilAsserted(() -> assertEquals(original, secret(rc) == null ? null : secret(rc).getData()));
    }

    @Test
    void theDefaultCaBundleBelongsToTheNamespaceAndIsNeverOverwritten() {
        SpinAppExecutor trusting = Fixture.executor(ns, "trusting");
        trusting.getSpec().deploymentConfig().setInstallDefaultCACerts(true);
        create(trusting);
        create(app("first", "trusting"));
        await().atMost(WAIT).until(() -> secret("spin-ca") != null);
        assertEquals(List.of(), secret("spin-ca").getMetadata().getOwnerReferences(), "shared by the namespace's apps");

        Map<String, String> own = Map.of("ca-certificates.crt", Base64.getEncoder().encodeToString("mine".getBytes()));
        admin().secrets().inNamespace(ns).withName("spin-ca").edit(s -> {
            s.setData(own);
            return s;
        });
        create(app("second", "trusting"));
        await().atMost(WAIT).until(() -> deployment("second") != null);
        assertEquals(own, secret("spin-ca").getData());
    }

    /**
     * The rules let through what only the API server knows to refuse (here a mount of a volume the pod does not
     * have): its answer goes into the Ready condition, and the Deployment stays as it was.
     */
    @Test
    void whatTheApiServerRefusesIsReportedAndTheLastGoodDeploymentKeepsRunning() {
        create(app("refused", "shim"));
        await().atMost(WAIT).until(() -> ready("refused") != null && "AppReady".equals(ready("refused").getReason()));
        // the Deployment controller writes status (a new resourceVersion); the generation counts spec changes only
        long generation = deployment("refused").getMetadata().getGeneration();

        Cluster.edit(SpinApp.class, ns, "refused", a -> a.getSpec().setVolumeMounts(List.of(
                new VolumeMountBuilder().withName("nowhere").withMountPath("/data").build())));

        await().atMost(WAIT).untilAsserted(() -> {
            Condition r = ready("refused");
            assertEquals("ApplyFailed", r.getReason());
            assertEquals("False", r.getStatus());
            assertTrue(r.getMessage().startsWith("The API server refused a request: "), r.getMessage());
            assertTrue(r.getMessage().matches(".*volumeMounts\\[\\d+\\]\\.name: Not found: \"nowhere\".*"), r.getMessage());
        });
        assertEquals(generation, deployment("refused").getMetadata().getGeneration(), "the last good Deployment is kept");
        assertEquals(1, deployment("refused").getStatus().getReadyReplicas(), "and keeps running");
        assertTrue(Cluster.hasEvent(ns, "refused", "Warning", "ApplyFailed"));

        Cluster.edit(SpinApp.class, ns, "refused", a -> a.getSpec().setVolumeMounts(null));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("AppReady", ready("refused").getReason()));
    }

    Secret secret(String name) {
        return admin().secrets().inNamespace(ns).withName(name).get();
    }
}
