package dev.spinkube.operator.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.RuntimeConfigBuilder;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.Fixture;
import dev.spinkube.operator.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.WithTestResource;

/** Health, metrics (scraped for promtool) and the promise that Secret values never leave the operator's hands. */
@QuarkusTest
@WithTestResource(RealApiServer.class)
class HealthAndMetricsTest {
    static final String SECRET_VALUE = "s3cr3t-value-42";
    static final Duration WAIT = Duration.ofSeconds(20);

    final KubernetesClient client = Cluster.admin();

    @Test
    void readyWhenConnectedWithSyncedControllersAndLive() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Quarkus Operator SDK health check' }.data.spinapp", equalTo("OK"))
                .body("checks.find { it.name == 'Quarkus Operator SDK health check' }.data.spinappexecutor", equalTo("OK"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == '" + LeadershipReadiness.NAME + "' }.data.leaderElection", equalTo(false))
                .body("checks.find { it.name == '" + LeadershipReadiness.NAME + "' }.data.leader", equalTo(true));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsReportReconcilesManagedAppsAndMemoryAndSecretsStaySecret() throws Exception {
        ConcurrentLinkedQueue<String> logs = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            final SimpleFormatter f = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                StringWriter w = new StringWriter();
                if (r.getThrown() != null) {
                    r.getThrown().printStackTrace(new PrintWriter(w));
                }
                logs.add(f.formatMessage(r) + " " + w);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            String ns = Cluster.newNamespace("metrics");
            SpinAppExecutor e = Fixture.executor(ns, "metrics");
            client.resource(e).create();
            client.resource(new SecretBuilder().withNewMetadata().withName("db-credentials").withNamespace(ns)
                    .endMetadata().withData(Map.of("token", java.util.Base64.getEncoder().encodeToString(SECRET_VALUE.getBytes())))
                    .build()).create();
            SpinApp app = Fixture.app(ns, "metered", "metrics");
            app.getSpec().setRuntimeConfig(new RuntimeConfigBuilder()
                    .addNewKeyValueStore().withName("default").withType("redis")
                    .addNewOption().withName("token").withNewValueFrom()
                    .withSecretKeyRef(new SecretKeySelector("token", "db-credentials", false)).endValueFrom().endOption()
                    .endKeyValueStore().build());
            client.resource(app).create();
            // an app that cannot be applied, so a Warning event and a failing status are part of the run
            client.resource(Fixture.app(ns, "orphan", "missing")).create();

            await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(ns).withName("metered").get() != null);
            java.util.regex.Pattern missing = java.util.regex.Pattern.compile(
                    "(?m)^spin_operator_managed_apps\\{reason=\"MissingExecutor\",status=\"False\"\\} ([1-9][0-9]*)\\.0$");
            String scrape = await("a scrape counting the app with a missing executor").atMost(WAIT)
                    .until(() -> given().get("/q/metrics").then().statusCode(200).extract().asString(),
                            s -> missing.matcher(s).find() && s.contains("operator_sdk_reconciliations_success_total"));
            Files.writeString(Path.of("target/metrics-scrape.txt"), scrape);
            assertTrue(scrape.contains("process_resident_memory_bytes"), "RSS");
            assertTrue(scrape.contains("jvm_memory_used_bytes"), "JVM memory");
            assertTrue(scrape.contains("operator_sdk_controllers_execution_reconcile"), "reconcile durations");
            assertTrue(scrape.lines().filter(l -> l.startsWith("operator_sdk_")).noneMatch(l -> l.contains("name=\"metered\"")),
                    "reconcile metrics are per controller, not a series per SpinApp");

            // the value went into the runtime-config Secret, and nowhere else
            String everythingVisible = String.join("\n", logs) + scrape
                    + Serialization.asYaml(client.v1().events().inNamespace(ns).list())
                    + Serialization.asYaml(client.resources(SpinApp.class).inNamespace(ns).list());
            assertFalse(everythingVisible.contains(SECRET_VALUE), "a Secret value leaked into logs, events, status or metrics");
            assertTrue(logs.stream().anyMatch(l -> l.contains(ns + "/orphan: MissingExecutor")),
                    "the capture saw the operator's logs: " + logs);
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
    }
}
