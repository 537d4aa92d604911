package dev.spinkube.operator.ops;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.reconciler.SpinAppReconcileTestSupport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The API server goes away (every connection broken, watches included) and comes back: the running operator
 * reconnects by itself and converges, without a restart. A test profile of its own, without the other tests' mock
 * API server, so that its API server URL does not meet theirs.
 */
@QuarkusTest
@TestProfile(ApiServerOutageTest.BehindARelay.class)
class ApiServerOutageTest {

    public static class BehindARelay implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartableApiServer.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    KubernetesClient client;

    boolean deploymentExists(String name) {
        return client.apps().deployments().inNamespace("default").withName(name).get() != null;
    }

    @Test
    void operatorReconnectsAndConvergesWhenTheApiServerComesBack() {
        client.resource(SpinAppReconcileTestSupport.shimExecutor("shim")).create();
        client.resource(SpinAppReconcileTestSupport.app("before", "shim")).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> deploymentExists("before"));

        RestartableApiServer.down();
        await("the operator finds the API server gone").atMost(Duration.ofSeconds(30))
                .until(() -> RestartableApiServer.refusedSinceDown() > 0);

        RestartableApiServer.up();
        // nothing but the operator talks to the API server now: a connection is its informers coming back
        await("the operator reconnects on its own").atMost(Duration.ofSeconds(60))
                .until(() -> RestartableApiServer.connectionsSinceUp() > 0);
        client.resource(SpinAppReconcileTestSupport.app("after", "shim")).create();
        await("and converges").atMost(Duration.ofSeconds(60)).until(() -> deploymentExists("after"));
    }
}
