package dev.spinkube.operator.reconciler;

import static dev.spinkube.operator.reconciler.SpinAppReconcileTest.app;
import static dev.spinkube.operator.reconciler.SpinAppReconcileTest.shimExecutor;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinVar;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import jakarta.inject.Inject;

/**
 * What clusters do to an operator: people edit or delete what it owns, Secrets vanish, autoscalers scale, writes
 * conflict.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ResilienceTest {
    static final String NS = "default";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeEach
    void executor() {
        if (client.resources(SpinAppExecutor.class).inNamespace(NS).withName("shim").get() == null) {
            client.resource(shimExecutor("shim")).create();
        }
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    Condition ready(String name) {
        SpinApp a = client.resources(SpinApp.class).inNamespace(NS).withName(name).get();
        return a == null || a.getStatus() == null ? null
                : a.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    @Test
    void deletedDeploymentAndServiceArePutBack() {
        client.resource(app("phoenix", "shim")).create();
        await().atMost(WAIT).until(() -> deployment("phoenix") != null
                && client.services().inNamespace(NS).withName("phoenix").get() != null);

        client.apps().deployments().inNamespace(NS).withName("phoenix").delete();
        client.services().inNamespace(NS).withName("phoenix").delete();

        await().atMost(WAIT).until(() -> deployment("phoenix") != null
                && client.services().inNamespace(NS).withName("phoenix").get() != null);
    }

    @Test
    void editedDeploymentIsPutBack() {
        client.resource(app("edited", "shim")).create();
        await().atMost(WAIT).until(() -> deployment("edited") != null);

        client.apps().deployments().inNamespace(NS).withName("edited").edit(d -> new DeploymentBuilder(d).editSpec()
                .editTemplate().editSpec().editContainer(0).withImage("evil:latest").endContainer().endSpec().endTemplate()
                .endSpec().build());

        await().atMost(WAIT).untilAsserted(() -> assertEquals("ghcr.io/example/app:v1",
                deployment("edited").getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));
    }

    @Test
    void replicasScaledByAnAutoscalerAreLeftAlone() {
        SpinApp a = app("scaled", "shim");
        a.getSpec().replicas = null;
        a.getSpec().enableAutoscaling = true;
        client.resource(a).create();
        await().atMost(WAIT).until(() -> deployment("scaled") != null);

        client.apps().deployments().inNamespace(NS).withName("scaled")
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(5).endSpec().build());
        // a change to the app makes the operator apply its Deployment again
        SpinAppReconcileTestSupport.edit(client, SpinApp.class, NS, "scaled", current -> current.getSpec().podLabels = Map
                .of("team", "web"));

        await().atMost(WAIT).until(() -> "web".equals(deployment("scaled").getSpec().getTemplate().getMetadata()
                .getLabels().get("team")));
        assertEquals(5, deployment("scaled").getSpec().getReplicas());
    }

    @Test
    void statusWriteThatMeetsAConflictIsRetriedNotLost() throws Exception {
        String path = "/apis/core.spinkube.dev/v1alpha1/namespaces/" + NS + "/spinapps/contested/status";
        Status conflict = new StatusBuilder().withCode(409).withReason("Conflict").withMessage(
                "Operation cannot be fulfilled on spinapps.core.spinkube.dev \"contested\": the object has been modified").build();
        server.expect().patch().withPath(path).andReturn(409, conflict).times(2);
        server.expect().put().withPath(path).andReturn(409, conflict).times(2);

        client.resource(app("contested", "shim")).create();

        await().atMost(WAIT).untilAsserted(() -> assertNotNull(ready("contested")));
        List<String> statusWrites = new ArrayList<>();
        for (RecordedRequest r; (r = server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS)) != null;) {
            if (r.getPath().startsWith(path)) {
                statusWrites.add(r.getMethod());
            }
        }
        assertTrue(statusWrites.size() >= 3, "two refused status writes, then one that landed: " + statusWrites);
    }

    @Test
    void deletedReferencedSecretIsAMissingReferenceAndThePodsKeepRunning() {
        client.resource(SpinAppReconcileTest.secret("db", "password", "x")).create();
        SpinApp a = app("needy", "shim");
        SpinVar v = new SpinVar();
        v.name = "password";
        v.valueFrom = new EnvVarSourceBuilder().withNewSecretKeyRef("password", "db", false).build();
        a.getSpec().variables = List.of(v);
        client.resource(a).create();
        await().atMost(WAIT).until(() -> deployment("needy") != null);
        String version = deployment("needy").getMetadata().getResourceVersion();

        client.secrets().inNamespace(NS).withName("db").delete();

        await().atMost(WAIT).untilAsserted(() -> {
            assertNotNull(ready("needy"));
            assertEquals("MissingReference", ready("needy").getReason());
        });
        assertEquals(version, deployment("needy").getMetadata().getResourceVersion());
    }

    @Test
    void objectsLeftByAnEarlierRunAreAdoptedWithoutDuplicates() {
        // as if a previous operator process created the Deployment and then stopped before writing status
        SpinApp a = client.resource(app("restarted", "shim")).create();
        await().atMost(WAIT).until(() -> deployment("restarted") != null && ready("restarted") != null);
        assertEquals(1, client.apps().deployments().inNamespace(NS).withLabel("core.spinkube.dev/app-name", "restarted")
                .list().getItems().size());
        assertEquals(1, client.services().inNamespace(NS).withLabel("core.spinkube.dev/app-name", "restarted").list()
                .getItems().size());
        assertEquals(1, client.secrets().inNamespace(NS).withLabel("core.spinkube.dev/app-name", "restarted").list()
                .getItems().size());
        assertNotNull(a.getMetadata().getUid());
    }
}
