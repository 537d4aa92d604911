package dev.spinkube.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.spinkube.operator.api.v1alpha1.Rule;
import dev.spinkube.operator.testing.RealApiServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the build generates in target/kubernetes (written when Quarkus augments the app for tests): every
 * single-object rule is in the CRDs as CEL with its message, and the API keeps upstream's shape. The OLM bundle
 * is only written by the production build: {@code OlmBundleIT} checks it after {@code package}.
 */
@QuarkusTest
@WithTestResource(RealApiServer.class)
class GeneratedManifestsTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonNode crd(String name) throws IOException {
        return YAML.readTree(Files.readString(Path.of("target/kubernetes/" + name + "-v1.yml")));
    }

    static void collectRules(JsonNode node, List<Map.Entry<String, String>> into) {
        if (node.isObject()) {
            node.path("x-kubernetes-validations")
                    .forEach(r -> into.add(Map.entry(r.path("rule").asText(), r.path("message").asText())));
            node.elements().forEachRemaining(n -> collectRules(n, into));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(n -> collectRules(n, into));
        }
    }

    /** Every CEL rule of the CRDs has its Java twin in a table of ObjectRules with the same message, and no other. */
    @Test
    void theCrdsHoldExactlyTheCelRulesOfTheTablesWithTheirMessages() throws Exception {
        List<Map.Entry<String, String>> rules = new ArrayList<>();
        collectRules(crd("spinapps.core.spinkube.dev"), rules);
        collectRules(crd("spinappexecutors.core.spinkube.dev"), rules);
        Set<Map.Entry<String, String>> tables = ObjectRulesTables.all().stream().filter(r -> r.held() == Rule.Held.CEL)
                .map(r -> Map.entry(r.cel(), r.message())).collect(Collectors.toSet());
        assertEquals(tables, new HashSet<>(rules));
        assertTrue(tables.size() >= 20, "CEL rules: " + tables.size());
    }

    @Test
    void spinAppHasStatusAndScaleSubresourcesAndPrinterColumns() throws IOException {
        JsonNode version = crd("spinapps.core.spinkube.dev").path("spec").path("versions").get(0);
        JsonNode scale = version.path("subresources").path("scale");
        assertEquals(".spec.replicas", scale.path("specReplicasPath").asText());
        assertEquals(".status.replicas", scale.path("statusReplicasPath").asText());
        assertEquals(".status.selector", scale.path("labelSelectorPath").asText());
        assertTrue(version.path("subresources").has("status"));
        List<String> columns = new ArrayList<>();
        version.path("additionalPrinterColumns").forEach(c -> columns.add(c.path("name").asText() + "=" + c.path("jsonPath").asText()));
        assertTrue(columns.containsAll(List.of("Ready=.status.readyReplicas", "Desired=.spec.replicas",
                "Executor=.spec.executor")), columns.toString());
        JsonNode spec = version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
        List<String> required = new ArrayList<>();
        spec.path("required").forEach(r -> required.add(r.asText()));
        assertTrue(required.containsAll(List.of("executor", "image")), required.toString());
        JsonNode probe = spec.path("properties").path("checks").path("properties").path("liveness").path("properties");
        assertEquals(10, probe.path("initialDelaySeconds").path("default").asInt());
        assertEquals(3, probe.path("failureThreshold").path("default").asInt());
    }
}
