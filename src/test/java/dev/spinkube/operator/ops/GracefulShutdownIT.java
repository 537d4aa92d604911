package dev.spinkube.operator.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

/**
 * The packaged operator as it runs in production (prod profile, leader election on) stops cleanly on SIGTERM:
 * it releases its Lease and exits by itself, well within the pod's 30 s grace period, with the exit status of a
 * terminated JVM (143) and not JOSDK's System.exit(1) on stopping to lead.
 */
class GracefulShutdownIT {

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void sigtermReleasesTheLeaseAndExitsCleanly() throws Exception {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer api = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(),
                expectations, new KubernetesMixedDispatcher(expectations), false, StartupIT.KUBERNETES_1_31);
        api.init();
        // JOSDK checks at start that it may use Leases
        api.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                        .withResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
                                .withVerbs("get", "create", "update").build())
                        .endStatus().build())
                .always();
        int http = freePort();
        Path log = Files.createTempFile("operator", ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + http, "-Dquarkus.kubernetes-client.api-server-url=http://localhost:" + api.getPort(),
                "-Dquarkus.kubernetes-client.namespace=default", "-jar", "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("POD_NAMESPACE", "default");
        pb.environment().put("HOSTNAME", "spin-operator-test-pod");
        Process operator = pb.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + http + "/q/health/ready")).build();
            await("leading and ready").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                HttpResponse<String> r = client.send(ready, HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().replaceAll("\\s", "").contains("\"leader\":true");
            });

            operator.destroy(); // SIGTERM
            assertTrue(operator.waitFor(25, TimeUnit.SECONDS), "still running 25 s after SIGTERM:\n" + Files.readString(log));
            String output = Files.readString(log);
            assertTrue(operator.exitValue() == 143 || operator.exitValue() == 0, "exit " + operator.exitValue() + ":\n" + output);
            assertTrue(output.contains("Released the Lease on shutdown"), output);
            assertTrue(output.contains("stopped in"), output);
        } finally {
            operator.destroyForcibly();
            api.destroy();
        }
    }
}
