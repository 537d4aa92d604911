package dev.spinkube.operator.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.RealApiServer;
import dev.spinkube.operator.validation.BadInputs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import jakarta.inject.Inject;

/**
 * The admission webhooks registered with the real API server, with the certificate the operator provisioned for
 * itself: users' writes go through them, and they are also called directly over HTTPS.
 */
@QuarkusTest
@TestProfile(WebhookAdmissionTest.WebhooksOn.class)
class WebhookAdmissionTest {
    static final ObjectMapper JSON = new ObjectMapper();

    public static class WebhooksOn implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WebhooksRegistered.class));
        }
    }

    /**
     * deploy/'s webhook configurations, calling the operator in this JVM by URL on 127.0.0.1 instead of through its
     * Service, and without caBundle: the operator fills it in. Removed again when the operator stops, or every later
     * SpinApp write of the run would be refused.
     */
    public static class WebhooksRegistered extends RealApiServer {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            int port = freePort();
            calling(port).forEach(o -> Cluster.admin().resource(o).forceConflicts().serverSideApply());
            config.putAll(Map.of("spin-operator.webhooks.enabled", "true", "spin-operator.webhooks.port", String.valueOf(port),
                    "spin-operator.webhooks.namespace", "spin-operator", "spin-operator.webhooks.extra-names", "127.0.0.1"));
            return config;
        }

        @Override
        public void stop() {
            configurations().forEach(o -> Cluster.admin().resource(o).delete());
        }

        /** deploy/'s configurations, calling https://127.0.0.1:PORT instead of the Service. */
        static List<HasMetadata> calling(int port) {
            List<HasMetadata> configurations = configurations();
            configurations.forEach(o -> clientConfigs(o).forEach(c -> {
                String path = c.getService().getPath();
                c.setService(null);
                c.setUrl("https://127.0.0.1:" + port + path);
            }));
            return configurations;
        }

        static List<HasMetadata> configurations() {
            try (InputStream in = Files.newInputStream(Path.of("deploy", "05-webhooks.yaml"))) {
                return Cluster.admin().load(in).items();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static List<WebhookClientConfig> clientConfigs(HasMetadata configuration) {
            if (configuration instanceof MutatingWebhookConfiguration m) {
                return m.getWebhooks().stream().map(w -> w.getClientConfig()).toList();
            }
            return ((ValidatingWebhookConfiguration) configuration).getWebhooks().stream().map(w -> w.getClientConfig())
                    .toList();
        }

        static int freePort() {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    WebhookServer server;

    final KubernetesClient client = Cluster.admin();
    String ns;
    RestAssuredConfig tls;

    @BeforeEach
    void trustTheOperatorsCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (var ca : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(server.caPem().getBytes(StandardCharsets.UTF_8)))) {
            trust.setCertificateEntry("ca-" + i++, ca);
        }
        tls = RestAssuredConfig.config().sslConfig(SSLConfig.sslConfig().trustStore(trust));
        // no executor here: an app naming none is refused, not defaulted (the executor-empty case)
        ns = Cluster.newNamespace("webhook");
    }

    static SpinAppExecutor executor(String ns, String name) {
        SpinAppExecutor e = new SpinAppExecutor();
        e.getMetadata().setName(name);
        e.getMetadata().setNamespace(ns);
        e.getSpec().setCreateDeployment(false);
        return e;
    }

    /** The object of a bad-input case, in this test's namespace, untyped: some cases hold a string for a number. */
    GenericKubernetesResource inNamespace(BadInputs c) {
        ObjectNode object = c.object().deepCopy();
        object.with("metadata").put("namespace", ns);
        return JSON.convertValue(object, GenericKubernetesResource.class);
    }

    static Stream<BadInputs> cases() {
        return BadInputs.forLayer("webhook");
    }

    /**
     * As kubectl apply would send it: through the API server, which checks the CRD's schema and rules first, then
     * calls the validating webhook; either refuses with the case's words.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedByTheApiServerWithItsMessage(BadInputs c) {
        GenericKubernetesResource object = inNamespace(c);
        KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                () -> client.resource(object).create(), c.name());
        assertEquals(422, refused.getCode(), c.name() + ": " + refused.getMessage());
        c.apiServerSays().forEach(expected -> assertTrue(refused.getMessage().contains(expected),
                c.name() + ": expected \"" + expected + "\" in " + refused.getMessage()));
    }

    /** The webhook alone, called as the API server calls it: it holds every rule, also those the CRD holds too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedByTheWebhookItself(BadInputs c) {
        String path = "SpinApp".equals(c.kind()) ? WebhookServer.VALIDATE_SPINAPP : WebhookServer.VALIDATE_EXECUTOR;
        ObjectNode object = c.object().deepCopy();
        object.with("metadata").put("namespace", ns);
        JsonNode response = post(path, object);
        assertFalse(response.path("allowed").asBoolean(true), c.name());
        assertEquals(422, response.path("status").path("code").asInt());
        String message = response.path("status").path("message").asText();
        assertTrue(message.contains(c.expected()), c.name() + ": " + message);
    }

    JsonNode post(String path, JsonNode object) {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", "uid-1").put("operation", "CREATE")
                .put("namespace", object.path("metadata").path("namespace").asText("default"));
        request.set("object", object);
        String body = given().config(tls).baseUri("https://127.0.0.1").port(server.port()).contentType("application/json")
                .body(review.toString()).post(path).then().statusCode(200).extract().asString();
        try {
            JsonNode response = JSON.readTree(body).path("response");
            assertEquals("uid-1", response.path("uid").asText());
            return response;
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    @Test
    void validAppIsAcceptedAsWritten() {
        client.resource(executor(ns, "shim")).create();
        SpinApp app = client.resource(app(ns, "ok", "shim")).create();
        assertEquals(Optional.of("shim"), app.getSpec().executor());
        assertEquals(2, app.getSpec().replicas());
    }

    @Test
    void defaultingPicksTheAlphabeticallyFirstExecutorOfTheAppsNamespace() {
        String other = Cluster.newNamespace("webhook-other");
        String team = Cluster.newNamespace("webhook-team");
        client.resource(executor(team, "zeta")).create();
        client.resource(executor(team, "beta")).create();
        client.resource(executor(other, "alpha")).create();

        SpinApp created = client.resource(app(team, "d", null)).create();

        assertEquals(Optional.of("beta"), created.getSpec().executor());
    }

    /**
     * No executor to default to: the API server refuses the app for its missing required field (as upstream's CRD
     * does), before any validating webhook is called; the webhook itself says why no default was set.
     */
    @Test
    void appWithoutExecutorInANamespaceWithoutExecutorsIsRefused() throws Exception {
        String empty = Cluster.newNamespace("webhook-empty");
        KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                () -> client.resource(app(empty, "lonely", null)).create());
        assertTrue(refused.getMessage().contains("spec.executor: Required value"), refused.getMessage());

        JsonNode object = JSON.valueToTree(app(empty, "lonely", null));
        assertTrue(post(WebhookServer.MUTATE_SPINAPP, object).path("patch").isMissingNode());
        assertTrue(post(WebhookServer.VALIDATE_SPINAPP, object).path("status").path("message").asText().contains(
                "spec.executor: executor must be set, likely no default executor was set because you have no executors installed"));
    }

    @Test
    void unreadableAppIsLeftToTheSchemaCheckByTheMutatingWebhook() throws Exception {
        JsonNode app = JSON.readTree("""
                {"apiVersion":"core.spinkube.dev/v1alpha1","kind":"SpinApp","metadata":{"name":"odd","namespace":"x"},
                 "spec":{"image":"ghcr.io/example/app:v1","replicas":"three"}}""");
        JsonNode response = post(WebhookServer.MUTATE_SPINAPP, app);
        assertTrue(response.path("allowed").asBoolean(), response.toString());
        assertTrue(response.path("patch").isMissingNode(), response.toString());
    }

    @Test
    void certificateIsKeptInASecretAndItsCaPatchedIntoTheConfigurations() {
        var secret = client.secrets().inNamespace("spin-operator").withName("spin-operator-webhook-tls").get();
        assertNotNull(secret);
        String ca = Base64.getEncoder().encodeToString(server.caPem().getBytes(StandardCharsets.UTF_8));
        assertEquals(ca, secret.getData().get("ca.crt"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            client.admissionRegistration().v1().validatingWebhookConfigurations().withName("spin-operator-validating-webhook")
                    .get().getWebhooks().forEach(w -> assertEquals(ca, w.getClientConfig().getCaBundle(), w.getName()));
            client.admissionRegistration().v1().mutatingWebhookConfigurations().withName("spin-operator-mutating-webhook")
                    .get().getWebhooks().forEach(w -> assertEquals(ca, w.getClientConfig().getCaBundle(), w.getName()));
        });
    }

    /**
     * What a Helm upgrade, a GitOps sync or {@code kubectl apply -f deploy/} after a delete does: the configurations
     * come back without caBundle while the operator runs. It sees them (a watch) and puts the CA back at once; the
     * defaulted executor shows the mutating webhook is called again, over TLS the API server trusts.
     */
    @Test
    void configurationsRecreatedWhileTheOperatorRunsGetTheCaWithinSeconds() {
        var v1 = client.admissionRegistration().v1();
        WebhooksRegistered.configurations().forEach(o -> client.resource(o).delete());
        await().atMost(Cluster.WAIT).until(() -> v1.mutatingWebhookConfigurations().withName("spin-operator-mutating-webhook")
                .get() == null && v1.validatingWebhookConfigurations().withName("spin-operator-validating-webhook").get() == null);

        long start = System.nanoTime();
        WebhooksRegistered.calling(server.port()).forEach(o -> client.resource(o).create());

        String ca = Base64.getEncoder().encodeToString(server.caPem().getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            v1.mutatingWebhookConfigurations().withName("spin-operator-mutating-webhook").get().getWebhooks()
                    .forEach(w -> assertEquals(ca, w.getClientConfig().getCaBundle(), w.getName()));
            v1.validatingWebhookConfigurations().withName("spin-operator-validating-webhook").get().getWebhooks()
                    .forEach(w -> assertEquals(ca, w.getClientConfig().getCaBundle(), w.getName()));
        });
        System.out.printf("[webhook] re-created configurations carried the CA again after %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        client.resource(executor(ns, "shim")).create();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .until(() -> "shim".equals(client.resource(app(ns, "after-recreate-" + System.nanoTime(), null)).create()
                        .getSpec().executor().orElse(null)));
    }

    @Test
    void garbageIsABadRequestNotACrash() {
        given().config(tls).baseUri("https://127.0.0.1").port(server.port()).contentType("application/json")
                .body("{not json").post(WebhookServer.VALIDATE_SPINAPP).then().statusCode(400);
    }

    static SpinApp app(String ns, String name, String executor) {
        SpinApp a = new SpinApp();
        a.getMetadata().setName(name);
        a.getMetadata().setNamespace(ns);
        a.getSpec().setExecutor(executor);
        a.getSpec().setImage("ghcr.io/example/app:v1");
        a.getSpec().setReplicas(2);
        return a;
    }
}
