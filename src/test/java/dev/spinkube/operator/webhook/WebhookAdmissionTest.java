package dev.spinkube.operator.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.validation.BadInputs;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import jakarta.inject.Inject;

/** The admission webhooks over real HTTPS, with the certificate the operator provisioned for itself. */
@QuarkusTest
@TestProfile(WebhookAdmissionTest.WebhooksOn.class)
@WithKubernetesTestServer(crud = true, setup = WebhookAdmissionTest.Configurations.class)
class WebhookAdmissionTest {
    static final ObjectMapper JSON = new ObjectMapper();

    public static class WebhooksOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("spin-operator.webhooks.enabled", "true", "spin-operator.webhooks.port", "0",
                    "spin-operator.webhooks.namespace", "spin-operator");
        }
    }

    /** The webhook configurations an install creates, without caBundle: the operator fills it in. */
    public static class Configurations implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            var client = server.getClient();
            client.resource(new MutatingWebhookConfigurationBuilder().withNewMetadata()
                    .withName("spin-operator-mutating-webhook").endMetadata().addNewWebhook().withName("mspinapp.kb.io")
                    .withNewClientConfig().withNewService().withName("spin-operator-webhook").withNamespace("spin-operator")
                    .withPath(WebhookServer.MUTATE_SPINAPP).endService().endClientConfig().endWebhook().build()).create();
            client.resource(new ValidatingWebhookConfigurationBuilder().withNewMetadata()
                    .withName("spin-operator-validating-webhook").endMetadata().addNewWebhook().withName("vspinapp.kb.io")
                    .withNewClientConfig().withNewService().withName("spin-operator-webhook").withNamespace("spin-operator")
                    .withPath(WebhookServer.VALIDATE_SPINAPP).endService().endClientConfig().endWebhook().build()).create();
        }
    }

    @Inject
    WebhookServer server;
    @Inject
    KubernetesClient client;

    RestAssuredConfig tls;

    @BeforeEach
    void trustTheOperatorsCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(server.caPem().getBytes(StandardCharsets.UTF_8))));
        // the certificate names the in-cluster Service; the chain is still verified against the CA
        tls = RestAssuredConfig.config().sslConfig(SSLConfig.sslConfig().trustStore(trust).allowAllHostnames());
        if (client.resources(SpinAppExecutor.class).inNamespace("default").withName("shim").get() == null) {
            client.resource(executor("default", "shim")).create();
        }
    }

    static SpinAppExecutor executor(String ns, String name) {
        SpinAppExecutor e = new SpinAppExecutor();
        e.getMetadata().setName(name);
        e.getMetadata().setNamespace(ns);
        e.getSpec().createDeployment = false;
        return e;
    }

    JsonNode post(String path, JsonNode object) {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", "uid-1").put("operation", "CREATE")
                .put("namespace", object.path("metadata").path("namespace").asText("default"));
        request.set("object", object);
        String body = given().config(tls).baseUri("https://localhost").port(server.port()).contentType("application/json")
                .body(review.toString()).post(path).then().statusCode(200).extract().asString();
        try {
            JsonNode response = JSON.readTree(body).path("response");
            assertEquals("uid-1", response.path("uid").asText());
            return response;
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    static Stream<BadInputs> cases() {
        return BadInputs.forLayer("webhook");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedWithItsMessage(BadInputs c) {
        String path = "SpinApp".equals(c.kind()) ? WebhookServer.VALIDATE_SPINAPP : WebhookServer.VALIDATE_EXECUTOR;
        JsonNode response = post(path, c.object());
        assertFalse(response.path("allowed").asBoolean(true), c.name());
        assertEquals(422, response.path("status").path("code").asInt());
        String message = response.path("status").path("message").asText();
        assertTrue(message.contains(c.expected()), c.name() + ": " + message);
    }

    @Test
    void validInputsPassUntouched() throws Exception {
        JsonNode app = JSON.readTree("""
                {"apiVersion":"core.spinkube.dev/v1alpha1","kind":"SpinApp","metadata":{"name":"ok","namespace":"default"},
                 "spec":{"executor":"shim","image":"ghcr.io/example/app:v1","replicas":2}}""");
        JsonNode response = post(WebhookServer.VALIDATE_SPINAPP, app);
        assertTrue(response.path("allowed").asBoolean());
        assertTrue(post(WebhookServer.MUTATE_SPINAPP, app).path("patch").isMissingNode(), "nothing to default");
    }

    @Test
    void defaultingPicksTheAlphabeticallyFirstExecutorOfTheAppsNamespace() throws Exception {
        client.resource(executor("team-a", "zeta")).create();
        client.resource(executor("team-a", "beta")).create();
        client.resource(executor("team-b", "alpha")).create();
        JsonNode app = JSON.readTree("""
                {"apiVersion":"core.spinkube.dev/v1alpha1","kind":"SpinApp","metadata":{"name":"d","namespace":"team-a"},
                 "spec":{"image":"ghcr.io/example/app:v1"}}""");
        JsonNode response = post(WebhookServer.MUTATE_SPINAPP, app);
        assertTrue(response.path("allowed").asBoolean());
        assertEquals("JSONPatch", response.path("patchType").asText());
        String patch = new String(Base64.getDecoder().decode(response.path("patch").asText()), StandardCharsets.UTF_8);
        assertEquals("[{\"op\":\"add\",\"path\":\"/spec/executor\",\"value\":\"beta\"}]", patch);
    }

    @Test
    void appWithoutExecutorInANamespaceWithoutExecutorsIsRefused() throws Exception {
        JsonNode app = JSON.readTree("""
                {"apiVersion":"core.spinkube.dev/v1alpha1","kind":"SpinApp","metadata":{"name":"lonely","namespace":"empty"},
                 "spec":{"image":"ghcr.io/example/app:v1"}}""");
        assertTrue(post(WebhookServer.MUTATE_SPINAPP, app).path("patch").isMissingNode());
        JsonNode response = post(WebhookServer.VALIDATE_SPINAPP, app);
        assertTrue(response.path("status").path("message").asText().contains(
                "spec.executor: executor must be set, likely no default executor was set because you have no executors installed"));
    }

    @Test
    void certificateIsKeptInASecretAndItsCaPatchedIntoTheConfigurations() {
        var secret = client.secrets().inNamespace("spin-operator").withName("spin-operator-webhook-tls").get();
        assertNotNull(secret);
        String ca = Base64.getEncoder().encodeToString(server.caPem().getBytes(StandardCharsets.UTF_8));
        assertEquals(ca, secret.getData().get("ca.crt"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(ca, client.admissionRegistration().v1().validatingWebhookConfigurations()
                    .withName("spin-operator-validating-webhook").get().getWebhooks().get(0).getClientConfig().getCaBundle());
            assertEquals(ca, client.admissionRegistration().v1().mutatingWebhookConfigurations()
                    .withName("spin-operator-mutating-webhook").get().getWebhooks().get(0).getClientConfig().getCaBundle());
        });
    }

    @Test
    void garbageIsABadRequestNotACrash() {
        given().config(tls).baseUri("https://localhost").port(server.port()).contentType("application/json")
                .body("{not json").post(WebhookServer.VALIDATE_SPINAPP).then().statusCode(400);
    }
}
