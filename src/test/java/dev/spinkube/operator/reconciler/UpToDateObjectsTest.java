package dev.spinkube.operator.reconciler;

import static dev.spinkube.operator.testing.Cluster.WAIT;
import static dev.spinkube.operator.testing.Cluster.admin;
import static dev.spinkube.operator.testing.Cluster.create;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.Fixture;
import dev.spinkube.operator.testing.RealApiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A reconcile of an app whose Deployment and Service are as desired sends nothing to the API server, counted by the
 * API server itself: a server-side apply that changes nothing leaves no trace on the object, only in this count.
 */
@QuarkusTest
@WithTestResource(RealApiServer.class)
class UpToDateObjectsTest {
    static final Pattern APPLIES = Pattern.compile(
            "(?m)^apiserver_request_total\\{[^}]*resource=\"(deployments|services)\"[^}]*verb=\"APPLY\"[^}]*} (\\S+)$");
    static final Pattern RECONCILES = Pattern.compile(
            "(?m)^operator_sdk_reconciliations_started_total\\{[^}]*kind=\"SpinApp\"[^}]*} (\\S+)$");

    @Test
    void aReconcileOfAnUpToDateAppAppliesNothing() {
        String ns = Cluster.newNamespace("uptodate");
        create(Fixture.executor(ns, "shim"));
        create(Fixture.app(ns, "calm", "shim"));
        await().atMost(WAIT).until(() -> Cluster.deployment(ns, "calm") != null
                && admin().services().inNamespace(ns).withName("calm").get() != null
                && Cluster.condition(ns, "calm", "Ready").isPresent());
        AtomicLong settled = new AtomicLong(-1);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> settled.getAndSet(applies()) == applies());
        double reconciles = sum(RECONCILES, given().get("/q/metrics").asString(), 1);

        // an executor change that changes nothing the app's objects hold: the app is reconciled, nothing is applied
        Cluster.edit(SpinAppExecutor.class, ns, "shim", e -> e.getMetadata().setLabels(Map.of("touched", "yes")));
        await().atMost(WAIT).until(() -> sum(RECONCILES, given().get("/q/metrics").asString(), 1) > reconciles);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() -> assertEquals(settled.get(), applies(),
                "server-side applies of Deployments and Services, all up to date"));
    }

    static long applies() {
        return (long) sum(APPLIES, admin().raw("/metrics"), 2);
    }

    static double sum(Pattern series, String metrics, int group) {
        double total = 0;
        for (Matcher m = series.matcher(metrics); m.find();) {
            total += Double.parseDouble(m.group(group));
        }
        return total;
    }
}
