package dev.spinkube.operator.reconciler;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.validation.BadInputs;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * With webhooks off and no CEL (the mock API server runs neither), the reconciler is the last layer: it
 * reports every bad input as Ready=False/InvalidSpec with the rule's message and applies nothing.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class InvalidSpecReconcileTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @BeforeEach
    void executor() {
        if (client.resources(SpinAppExecutor.class).inNamespace("default").withName("shim").get() == null) {
            client.resource(SpinAppReconcileTest.shimExecutor("shim")).create();
        }
    }

    Condition ready(String name) {
        SpinApp a = client.resources(SpinApp.class).inNamespace("default").withName(name).get();
        return a == null || a.getStatus() == null ? null
                : a.getStatus().conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    @Test
    void everyBadInputIsReportedInStatusAndNothingIsApplied() throws Exception {
        List<BadInputs> cases = BadInputs.forLayer("reconciler").filter(c -> "SpinApp".equals(c.kind())).toList();
        assertTrue(cases.size() >= 30, "cases: " + cases.size());
        for (BadInputs c : cases) {
            client.resource(BadInputs.YAML.treeToValue(c.object(), SpinApp.class)).create();
        }
        for (BadInputs c : cases) {
            String name = c.object().path("metadata").path("name").asText();
            await().atMost(WAIT).untilAsserted(() -> {
                Condition ready = ready(name);
                assertNotNull(ready, c.name());
                assertEquals("InvalidSpec", ready.getReason(), c.name());
                assertTrue(ready.getMessage().contains(c.expected()), c.name() + ": " + ready.getMessage());
            });
            assertNull(client.apps().deployments().inNamespace("default").withName(name).get(), c.name());
        }
        assertTrue(client.v1().events().inNamespace("default").list().getItems().stream()
                .anyMatch(e -> "InvalidSpec".equals(e.getReason()) && "Warning".equals(e.getType())));
    }

    @Test
    void anInvalidEditKeepsTheLastGoodDeploymentRunning() {
        client.resource(SpinAppReconcileTest.app("good", "shim")).create();
        await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace("default").withName("good").get() != null);
        String before = client.apps().deployments().inNamespace("default").withName("good").get().getMetadata()
                .getResourceVersion();

        SpinAppReconcileTestSupport.edit(client, SpinApp.class, "default", "good", app -> {
            app.getSpec().image = "ghcr.io/example/app:v2";
            app.getSpec().replicas = 0;
        });

        await().atMost(WAIT).untilAsserted(() -> assertEquals("InvalidSpec", ready("good").getReason()));
        var deployment = client.apps().deployments().inNamespace("default").withName("good").get();
        assertEquals(before, deployment.getMetadata().getResourceVersion(), "the Deployment was not touched");
        assertEquals("ghcr.io/example/app:v1", deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("spec.replicas: replicas must be > 0", ready("good").getMessage());

        SpinAppReconcileTestSupport.edit(client, SpinApp.class, "default", "good", app -> app.getSpec().replicas = 2);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("ghcr.io/example/app:v2", client.apps().deployments()
                .inNamespace("default").withName("good").get().getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage()));
    }
}
