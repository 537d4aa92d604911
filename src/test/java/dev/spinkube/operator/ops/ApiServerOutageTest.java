package dev.spinkube.operator.ops;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The API server goes away (every connection broken, watches included) and comes back: the running operator
 * reconnects by itself and converges, without a restart. A test profile of its own: the operator reaches the API
 * server through a relay the test can cut.
 */
@QuarkusTest
@TestProfile(ApiServerOutageTest.BehindARelay.class)
class ApiServerOutageTest {

    public static class BehindARelay implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartableApiServer.class));
        }

        /** The resets are this test's doing: Vert.x's ERROR line per broken connection would only hide real errors. */
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"io.vertx.core.net.impl.ConnectionBase\".level", "OFF");
        }
    }

    String ns;

    boolean deploymentExists(String name) {
        return Cluster.deployment(ns, name) != null;
    }

    @Test
    void operatorReconnectsAndConvergesWhenTheApiServerComesBack() {
        ns = Cluster.newNamespace("outage");
        Cluster.create(Fixture.executor(ns, "shim"));
        Cluster.create(Fixture.app(ns, "before", "shim"));
        await().atMost(Duration.ofSeconds(20)).until(() -> deploymentExists("before"));

        RestartableApiServer.down();
        await("the operator finds the API server gone").atMost(Duration.ofSeconds(30))
                .until(() -> RestartableApiServer.refusedSinceDown() > 0);

        RestartableApiServer.up();
        // nothing but the operator talks to the API server now: a connection is its informers coming back
        await("the operator reconnects on its own").atMost(Duration.ofSeconds(60))
                .until(() -> RestartableApiServer.connectionsSinceUp() > 0);
        Cluster.create(Fixture.app(ns, "after", "shim"));
        await("and converges").atMost(Duration.ofSeconds(60)).until(() -> deploymentExists("after"));
    }
}
