package dev.spinkube.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.spinkube.operator.render.Manifests;

/**
 * The OLM bundle that {@code quarkus-operator-sdk-bundle-generator} writes to target/bundle. It runs in the
 * production build only (the {@code package} phase), so this is an integration test: failsafe runs it after
 * {@code package}, in {@code ./mvnw verify}.
 */
class OlmBundleIT {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path BUNDLE = Path.of("target/bundle/spin-operator");

    @Test
    void olmBundleOwnsBothCrdsAndItsExamplesAreTheSamples() throws Exception {
        Path bundle = BUNDLE;
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
        var samples = Manifests.read(List.of(Path.of("samples/spin-shim-executor.yaml"),
                Path.of("samples/simple.yaml")), InputStream.nullInputStream());
        JsonNode executorSample = YAML.valueToTree(samples.executors.get(0));
        JsonNode appSample = YAML.valueToTree(samples.apps.get(0));
        assertEquals(executorSample.path("spec"), examples.get(0).path("spec"));
        assertEquals(appSample.path("spec"), examples.get(1).path("spec"));
        assertEquals(appSample.path("metadata").path("name"), examples.get(1).path("metadata").path("name"));
    }

    /**
     * An operator installed by OLM runs with the bundle's grants: they must cover every grant of the chart's RBAC
     * (as deploy/ renders it), cluster-wide ones as clusterPermissions, the Lease Role as permissions.
     */
    @Test
    void olmBundleGrantsWhatTheChartsRbacGrants() throws Exception {
        JsonNode install = YAML.readTree(Files.readString(BUNDLE.resolve(
                "manifests/spin-operator.clusterserviceversion.yaml"))).path("spec").path("install").path("spec");
        Set<String> cluster = grants(install.path("clusterPermissions").findValues("rules"));
        Set<String> namespaced = grants(install.path("permissions").findValues("rules"));
        Set<String> chartCluster = new TreeSet<>();
        Set<String> chartNamespaced = new TreeSet<>();
        try (var parser = YAML.createParser(Files.readString(Path.of("deploy/02-rbac.yaml")))) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                String kind = doc.path("kind").asText();
                if (kind.equals("ClusterRole")) {
                    chartCluster.addAll(grants(List.of(doc.path("rules"))));
                } else if (kind.equals("Role")) {
                    chartNamespaced.addAll(grants(List.of(doc.path("rules"))));
                }
            }
        }
        assertTrue(chartCluster.size() > 10 && !chartNamespaced.isEmpty(), "read the chart's roles: " + chartCluster);
        chartCluster.removeAll(cluster);
        assertEquals(Set.of(), chartCluster, "cluster-wide grants of deploy/02-rbac.yaml missing from the bundle");
        chartNamespaced.removeAll(namespaced);
        assertEquals(Set.of(), chartNamespaced, "namespaced grants of deploy/02-rbac.yaml missing from the bundle");
    }

    /** Each rule's grants as {@code group/resource:verb}. */
    private static Set<String> grants(List<JsonNode> ruleLists) {
        Set<String> grants = new TreeSet<>();
        for (JsonNode rules : ruleLists) {
            for (JsonNode rule : rules) {
                for (JsonNode group : rule.path("apiGroups")) {
                    for (JsonNode resource : rule.path("resources")) {
                        for (JsonNode verb : rule.path("verbs")) {
                            grants.add(group.asText() + "/" + resource.asText() + ":" + verb.asText());
                        }
                    }
                }
            }
        }
        return grants;
    }
}
