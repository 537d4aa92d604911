package dev.spinkube.operator.reconciler;

import static dev.spinkube.operator.testing.Cluster.WAIT;
import static dev.spinkube.operator.testing.Cluster.create;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.spin.SpinEnv;
import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.Fixture;
import dev.spinkube.operator.testing.RealApiServer;
import dev.spinkube.operator.validation.BadInputs;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With webhooks off, the reconciler is the last layer for the rules the CRD cannot hold (those whose CEL cost the
 * API server refuses, see ObjectRules): it reports each as Ready=False/InvalidSpec with the rule's message, emits a
 * Warning event, and applies nothing. Every other bad input never gets this far: the API server refuses it
 * ({@code api.CrdRulesTest}).
 */
@QuarkusTest
@WithTestResource(RealApiServer.class)
class InvalidSpecReconcileTest {
    String ns;

    @BeforeEach
    void executor() {
        ns = Cluster.newNamespace("invalid");
        create(Fixture.executor(ns, "shim"));
    }

    Condition ready(String name) {
        return Cluster.condition(ns, name, "Ready").orElse(null);
    }

    @Test
    void everyBadInputPastTheCrdIsReportedInStatusAndNothingIsApplied() throws Exception {
        List<BadInputs> cases = BadInputs.forLayer("reconciler").filter(c -> "SpinApp".equals(c.kind()))
                .filter(c -> !c.layers().contains("cel")).toList();
        assertTrue(cases.size() >= 8, "cases: " + cases.size());
        for (BadInputs c : cases) {
            SpinApp app = BadInputs.YAML.treeToValue(c.object(), SpinApp.class);
            app.getMetadata().setNamespace(ns);
            create(app);
        }
        for (BadInputs c : cases) {
            String name = c.object().path("metadata").path("name").asText();
            Condition ready = Cluster.awaitReady(ns, name, "InvalidSpec");
            assertTrue(ready.getMessage().contains(c.expected()), c.name() + ": " + ready.getMessage());
            assertNull(Cluster.deployment(ns, name), c.name());
            assertTrue(Cluster.hasEvent(ns, name, "Warning", "InvalidSpec"), c.name());
        }
    }

    @Test
    void anInvalidEditKeepsTheLastGoodDeploymentRunning() {
        create(Fixture.app(ns, "good", "shim"));
        // settled first: until its pod is ready the Deployment controller writes the Deployment's status
        Cluster.awaitReady(ns, "good", "AppReady");
        String before = Cluster.deployment(ns, "good").getMetadata().getResourceVersion();

        Cluster.edit(SpinApp.class, ns, "good", app -> {
            app.getSpec().setImage("ghcr.io/example/app:v2");
            app.getSpec().setEnv(List.of(new EnvVar(SpinEnv.LISTEN_ADDRESS, "localhost", null)));
        });

        Condition ready = Cluster.awaitReady(ns, "good", "InvalidSpec");
        assertTrue(ready.getMessage().startsWith("spec.env[0].value: SPIN_HTTP_LISTEN_ADDR must be"), ready.getMessage());
        Deployment deployment = Cluster.deployment(ns, "good");
        assertEquals(before, deployment.getMetadata().getResourceVersion(), "the Deployment was not touched");
        assertEquals("ghcr.io/example/app:v1", deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

        Cluster.edit(SpinApp.class, ns, "good", app -> app.getSpec().setEnv(List.of()));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("ghcr.io/example/app:v2",
                Cluster.deployment(ns, "good").getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));
    }
}
