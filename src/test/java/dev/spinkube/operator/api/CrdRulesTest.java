package dev.spinkube.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.KubeApiServer;
import dev.spinkube.operator.testing.OperatorInstall;
import dev.spinkube.operator.validation.BadInputs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The generated CRDs on the real API server, with no operator and no webhook involved: the API server accepts them
 * (it refuses a CRD whose CEL rules exceed its cost budget), refuses every bad input the CRD is meant to hold with
 * the rule's words, and accepts every sample after applying the schema's defaults.
 */
class CrdRulesTest {

    @BeforeAll
    static void install() {
        OperatorInstall.prerequisites(Cluster.admin());
    }

    @Test
    void theApiServerAcceptsTheGeneratedCrds() {
        for (String name : OperatorInstall.CRDS) {
            CustomResourceDefinition crd = Cluster.admin().resources(CustomResourceDefinition.class).withName(name).get();
            assertTrue(crd.getStatus().getConditions().stream()
                    .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())), name);
            assertTrue(crd.getStatus().getConditions().stream().noneMatch(c -> "NonStructuralSchema".equals(c.getType())),
                    name + " has a non-structural schema");
        }
    }

    /**
     * Every field of the generated files is stored as written: a field the API server drops or rewrites (as it drops
     * a printer column's {@code priority: 0}) makes the stored CRD differ from the file forever, and server-side apply
     * of the file, the documented CRD upgrade, then conflicts with whoever created the CRD (Helm, kubectl).
     */
    @Test
    void theApiServerStoresTheGeneratedCrdsAsWritten() {
        for (String name : OperatorInstall.CRDS) {
            assertEquals(List.of(), OperatorInstall.notStoredAsWritten(Cluster.admin(),
                    Path.of("target", "kubernetes", name + "-v1.yml")), name + ": fields not stored as written");
        }
    }

    static Stream<BadInputs> celCases() {
        return BadInputs.forLayer("cel");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("celCases")
    void badInputIsRefusedByTheCrdAlone(BadInputs c) {
        String ns = Cluster.newNamespace("crd");
        ObjectNode object = c.object().deepCopy();
        object.with("metadata").put("namespace", ns);
        // unchecked on the client side: a typed object could not even hold a string in an integer field
        GenericKubernetesResource resource = Serialization.unmarshal(object.toString(), GenericKubernetesResource.class);
        KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                () -> Cluster.admin().resource(resource).create(), c.name());
        assertEquals(422, refused.getCode(), c.name() + ": " + refused.getMessage());
        for (String expected : c.expect()) {
            assertTrue(refused.getMessage().contains(expected), c.name() + ": expected \"" + expected + "\" in "
                    + refused.getMessage());
        }
    }

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** Executors (and everything else) before apps, as a user applies a sample with its executor. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleIsAccepted(Path sample) throws IOException {
        String ns = Cluster.newNamespace("sample");
        List<HasMetadata> objects = new ArrayList<>();
        for (Path file : new LinkedHashSet<>(List.of(Path.of("samples/spin-shim-executor.yaml"),
                Path.of("samples/spintainer-executor.yaml"), sample))) {
            try (InputStream in = Files.newInputStream(file)) {
                // RuntimeClasses are cluster-wide and need no check here; KEDA is not installed on the test server
                Cluster.admin().load(in).items().stream().filter(o -> !"RuntimeClass".equals(o.getKind()))
                        .filter(o -> !o.getApiVersion().startsWith("keda.sh/")).forEach(objects::add);
            }
        }
        objects.sort(Comparator.comparing(o -> "SpinApp".equals(o.getKind())));
        int apps = 0;
        for (HasMetadata o : objects) {
            o.getMetadata().setNamespace(ns);
            Cluster.admin().resource(o).createOr(existing -> existing.update());
            apps += "SpinApp".equals(o.getKind()) ? 1 : 0;
        }
        assertTrue(apps > 0 || !Files.readString(sample).matches("(?s).*kind: SpinApp\\s.*"), sample.toString());
    }

    /**
     * The API server applies schema defaults before it checks rules: no default may collide with a rule. The HPA
     * sample leaves replicas to the autoscaler; a default of 1 would make its own rule refuse it. Probe timings do
     * get upstream's defaults.
     */
    @Test
    void autoscalingAppGetsNoReplicasDefaultThatItsOwnRuleWouldRefuse() {
        String ns = Cluster.newNamespace("crd");
        SpinApp app = Serialization.unmarshal("""
                apiVersion: core.spinkube.dev/v1alpha1
                kind: SpinApp
                metadata: {name: scaled}
                spec:
                  executor: shim
                  image: ghcr.io/example/app:v1
                  enableAutoscaling: true
                  checks: {liveness: {httpGet: {path: /health}}}
                """, SpinApp.class);
        app.getMetadata().setNamespace(ns);
        SpinApp stored = Cluster.create(app);
        assertEquals(null, stored.getSpec().replicas());
        assertEquals(true, stored.getSpec().enableAutoscaling());
        // as stored: the accessor would apply the default itself
        JsonNode probe = Serialization.jsonMapper().valueToTree(stored).at("/spec/checks/liveness");
        assertEquals(10, probe.path("initialDelaySeconds").asInt(-1), "the probe's schema default");
    }
}
