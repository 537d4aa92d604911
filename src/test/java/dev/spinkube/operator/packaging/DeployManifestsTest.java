package dev.spinkube.operator.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.testing.RealApiServer;
import dev.spinkube.operator.testing.ModelKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * deploy/ (what `kubectl apply -f deploy/` installs, rendered from the chart: DeployGeneratedTest): its CRDs are the
 * ones the build generates, the operator runs restricted, and the webhooks are wired as the operator serves them.
 */
@QuarkusTest
@WithTestResource(RealApiServer.class)
class DeployManifestsTest {

    static List<HasMetadata> objects() throws Exception {
        List<HasMetadata> all = new ArrayList<>();
        for (Path f : Files.list(Path.of("deploy")).filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
            for (String doc : Files.readString(f).split("(?m)^---\\s*$")) {
                if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
                    all.add(ModelKinds.serialization().unmarshal(doc));
                }
            }
        }
        return all;
    }

    /** deploy/01-crds.yaml is rendered from the chart's crds/ (DeployGeneratedTest), which are the build's. */
    @Test
    void chartCrdsAreExactlyTheGeneratedOnes() throws Exception {
        for (String crd : List.of("spinapps.core.spinkube.dev", "spinappexecutors.core.spinkube.dev")) {
            assertEquals(Files.readString(Path.of("target/kubernetes", crd + "-v1.yml")),
                    Files.readString(Path.of("helm/spin-operator/crds", crd + ".yaml")),
                    "helm/spin-operator/crds/" + crd + ".yaml drifted from the generated CRD: run deploy/generate.sh"
                            + " (it copies the CRDs into the chart and regenerates deploy/)");
        }
    }

    @Test
    void deployShipsTheGeneratedCrds() throws Exception {
        List<String> names = objects().stream().filter(o -> "CustomResourceDefinition".equals(o.getKind()))
                .map(o -> o.getMetadata().getName()).sorted().toList();
        assertEquals(List.of("spinappexecutors.core.spinkube.dev", "spinapps.core.spinkube.dev"), names);
    }

    @Test
    void operatorRunsRestrictedWithProbesAndResources() throws Exception {
        Deployment d = objects().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst()
                .orElseThrow();
        var pod = d.getSpec().getTemplate().getSpec();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        var c = pod.getContainers().get(0);
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath());
        assertTrue(c.getResources().getLimits().containsKey("memory"));
        assertEquals("spin-operator", pod.getServiceAccountName());
        // the image is built for linux/amd64 only: elsewhere the pod waits for a node rather than failing to exec
        assertEquals(Map.of("kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64"), pod.getNodeSelector());
    }

    @Test
    void webhooksFailOpenWithoutSideEffectsOnTheOperatorsPaths() throws Exception {
        List<HasMetadata> all = objects();
        var mutating = all.stream().filter(MutatingWebhookConfiguration.class::isInstance)
                .map(MutatingWebhookConfiguration.class::cast).findFirst().orElseThrow();
        var validating = all.stream().filter(ValidatingWebhookConfiguration.class::isInstance)
                .map(ValidatingWebhookConfiguration.class::cast).findFirst().orElseThrow();
        assertEquals("spin-operator-mutating-webhook", mutating.getMetadata().getName());
        assertEquals("spin-operator-validating-webhook", validating.getMetadata().getName());
        List<String> paths = new ArrayList<>();
        mutating.getWebhooks().forEach(w -> {
            assertEquals("Ignore", w.getFailurePolicy(), "the CRDs and the reconciler hold the rules while no webhook serves");
            assertEquals("None", w.getSideEffects());
            assertEquals(List.of("v1"), w.getAdmissionReviewVersions());
            paths.add(w.getClientConfig().getService().getPath());
        });
        validating.getWebhooks().forEach(w -> {
            assertEquals("Ignore", w.getFailurePolicy(), "the CRDs and the reconciler hold the rules while no webhook serves");
            assertEquals("None", w.getSideEffects());
            assertEquals(List.of("v1"), w.getAdmissionReviewVersions());
            paths.add(w.getClientConfig().getService().getPath());
        });
        assertEquals(List.of(dev.spinkube.operator.webhook.WebhookServer.MUTATE_SPINAPP,
                dev.spinkube.operator.webhook.WebhookServer.VALIDATE_SPINAPP,
                dev.spinkube.operator.webhook.WebhookServer.VALIDATE_EXECUTOR), paths);
    }
}
