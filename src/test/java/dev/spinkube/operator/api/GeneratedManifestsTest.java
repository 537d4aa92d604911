package dev.spinkube.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.spinkube.operator.validation.CelRules;
import dev.spinkube.operator.validation.Messages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * What the build generates (target/kubernetes and target/bundle, written when Quarkus augments the app for
 * tests): every single-object rule is in the CRDs as CEL with its message, the API keeps upstream's shape,
 * and the OLM bundle is complete.
 */
@QuarkusTest
@WithKubernetesTestServer
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

    @Test
    void everySingleObjectRuleIsInTheCrdAsCelWithItsMessage() throws Exception {
        List<Map.Entry<String, String>> rules = new ArrayList<>();
        collectRules(crd("spinapps.core.spinkube.dev"), rules);
        collectRules(crd("spinappexecutors.core.spinkube.dev"), rules);
        int checked = 0;
        for (Field f : CelRules.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) {
                continue;
            }
            String rule = (String) f.get(null);
            String message = (String) Messages.class.getField(f.getName()).get(null);
            assertTrue(rules.contains(Map.entry(rule, message)), "CEL rule " + f.getName() + " is missing from the CRDs");
            checked++;
        }
        assertEquals(checked, rules.size(), "every CEL rule in the CRDs comes from CelRules");
        assertTrue(checked >= 20, "rules checked: " + checked);
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

    @Test
    void olmBundleOwnsBothCrdsAndItsExamplesAreTheSamples() throws Exception {
        Path bundle = Path.of("target/bundle/spin-operator");
        JsonNode csv = YAML.readTree(Files.readString(bundle.resolve("manifests/spin-operator.clusterserviceversion.yaml")));
        assertEquals("ClusterServiceVersion", csv.path("kind").asText());
        List<String> owned = new ArrayList<>();
        csv.path("spec").path("customresourcedefinitions").path("owned").forEach(o -> owned.add(o.path("name").asText()));
        assertTrue(owned.containsAll(List.of("spinapps.core.spinkube.dev", "spinappexecutors.core.spinkube.dev")), owned.toString());
        for (String crd : owned) {
            assertTrue(Files.exists(bundle.resolve("manifests/" + crd + "-v1.crd.yml")), crd);
        }
        assertTrue(csv.path("spec").path("icon").get(0).path("base64data").asText().length() > 100);
        assertTrue(csv.path("spec").path("install").path("spec").path("deployments").size() > 0, "operator Deployment");
        List<String> modes = new ArrayList<>();
        csv.path("spec").path("installModes").forEach(m -> modes.add(m.path("type").asText() + "=" + m.path("supported").asBoolean()));
        assertTrue(modes.contains("AllNamespaces=true"), modes.toString());
        JsonNode annotations = YAML.readTree(Files.readString(bundle.resolve("metadata/annotations.yaml"))).path("annotations");
        assertEquals("spin-operator", annotations.path("operators.operatorframework.io.bundle.package.v1").asText());

        JsonNode examples = new ObjectMapper().readTree(csv.path("metadata").path("annotations").path("alm-examples").asText());
        assertEquals(2, examples.size());
        var samples = dev.spinkube.operator.render.Manifests.read(List.of(Path.of("samples/spin-shim-executor.yaml"),
                Path.of("samples/simple.yaml")));
        JsonNode executorSample = YAML.valueToTree(samples.executors.get(0));
        JsonNode appSample = YAML.valueToTree(samples.apps.get(0));
        assertEquals(executorSample.path("spec"), examples.get(0).path("spec"));
        assertEquals(appSample.path("spec"), examples.get(1).path("spec"));
        assertEquals(appSample.path("metadata").path("name"), examples.get(1).path("metadata").path("name"));
    }
}
