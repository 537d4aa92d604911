package dev.spinkube.operator.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What OpenShift asks of the OLM bundle the build writes (target/bundle/spin-operator, after {@code package}): the
 * ClusterServiceVersion's pod admitted by the restricted-v2 SCC (checked against a written copy of its rules,
 * src/test/resources/openshift/restricted-v2.yaml), every image in relatedImages, the disconnected feature only when
 * it holds, the OpenShift versions, minKubeVersion, and the chart's webhooks as webhookdefinitions.
 */
class OpenShiftBundleIT {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path BUNDLE = Path.of("target/bundle/spin-operator");

    static JsonNode csv() throws Exception {
        return YAML.readTree(BUNDLE.resolve("manifests/spin-operator.clusterserviceversion.yaml").toFile());
    }

    static JsonNode restrictedV2() throws Exception {
        try (InputStream in = OpenShiftBundleIT.class.getResourceAsStream("/openshift/restricted-v2.yaml")) {
            return YAML.readTree(in);
        }
    }

    static List<JsonNode> podSpecs(JsonNode csv) {
        List<JsonNode> pods = new ArrayList<>();
        csv.path("spec").path("install").path("spec").path("deployments")
                .forEach(d -> pods.add(d.path("spec").path("template").path("spec")));
        return pods;
    }

    @Test
    void theOperatorsPodPassesRestrictedV2() throws Exception {
        JsonNode scc = restrictedV2();
        List<JsonNode> pods = podSpecs(csv());
        assertEquals(1, pods.size());
        for (JsonNode pod : pods) {
            assertEquals(List.of(), violations(scc, pod));
        }
    }

    /**
     * The pod is scheduled only on the platforms the CSV's {@code operatorframework.io/arch.*} and {@code os.*} labels
     * declare (the ones the image is built for): every supported label has its node selector, and nothing else.
     */
    @Test
    void theOperatorsPodSelectsTheNodesTheCsvDeclares() throws Exception {
        JsonNode csv = csv();
        Map<String, String> declared = new TreeMap<>();
        csv.path("metadata").path("labels").properties().forEach(label -> {
            String[] platform = label.getKey().split("[/.]"); // operatorframework.io/arch.amd64
            if (label.getKey().startsWith("operatorframework.io/") && platform.length == 4
                    && (platform[2].equals("arch") || platform[2].equals("os"))) {
                assertEquals("supported", label.getValue().asText(), label.getKey());
                declared.put("kubernetes.io/" + platform[2], platform[3]);
            }
        });
        assertEquals(Map.of("kubernetes.io/arch", "amd64", "kubernetes.io/os", "linux"), declared);
        Map<String, String> selected = new TreeMap<>();
        podSpecs(csv).get(0).path("nodeSelector").properties()
                .forEach(e -> selected.put(e.getKey(), e.getValue().asText()));
        assertEquals(declared, selected, "the CSV pod's nodeSelector (src/main/kubernetes/kubernetes.yml)");
    }

    /** The check can fail: each broken copy of the CSV's pod is refused, for the reason broken into it. */
    @Test
    void restrictedV2RefusesWhatItForbids() throws Exception {
        JsonNode scc = restrictedV2();
        JsonNode pod = podSpecs(csv()).get(0);
        assertRefused(scc, pod, p -> ((ObjectNode) p.path("securityContext")).put("runAsUser", 1001), "runAsUser");
        assertRefused(scc, pod, p -> {
            ((ObjectNode) p.path("securityContext")).remove("runAsNonRoot");
            ((ObjectNode) container(p).path("securityContext")).remove("runAsNonRoot");
        }, "runAsNonRoot");
        assertRefused(scc, pod, p -> ((ObjectNode) p.path("securityContext")).remove("seccompProfile"), "seccomp");
        assertRefused(scc, pod, p -> ((ObjectNode) container(p).path("securityContext").path("capabilities"))
                .putArray("drop").add("NET_RAW"), "drop ALL");
        assertRefused(scc, pod, p -> ((ObjectNode) container(p).path("securityContext").path("capabilities"))
                .putArray("add").add("SYS_ADMIN"), "SYS_ADMIN");
        assertRefused(scc, pod, p -> ((ObjectNode) container(p).path("securityContext"))
                .put("allowPrivilegeEscalation", true), "allowPrivilegeEscalation");
        assertRefused(scc, pod, p -> ((ObjectNode) container(p).path("securityContext"))
                .put("readOnlyRootFilesystem", false), "readOnlyRootFilesystem");
        assertRefused(scc, pod, p -> ((ObjectNode) container(p).path("securityContext")).put("privileged", true),
                "privileged");
        assertRefused(scc, pod, p -> ((ObjectNode) p).put("hostNetwork", true), "hostNetwork");
        assertRefused(scc, pod, p -> ((ObjectNode) p).withArray("volumes").addObject().put("name", "h")
                .putObject("hostPath").put("path", "/"), "hostPath");
    }

    private static JsonNode container(JsonNode pod) {
        return pod.path("containers").get(0);
    }

    private static void assertRefused(JsonNode scc, JsonNode pod, Consumer<JsonNode> breakIt, String reason) {
        JsonNode broken = pod.deepCopy();
        breakIt.accept(broken);
        List<String> violations = violations(scc, broken);
        assertTrue(violations.stream().anyMatch(v -> v.contains(reason)), reason + " not refused: " + violations);
    }

    /**
     * What the SCC admission plugin would refuse in this pod under the given SCC (the subset of its strategies that
     * restricted-v2 uses), plus the project's own rule on top ({@code project.readOnlyRootFilesystem}).
     */
    static List<String> violations(JsonNode scc, JsonNode pod) {
        List<String> out = new ArrayList<>();
        JsonNode podSc = pod.path("securityContext");
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            String allowed = "allow" + Character.toUpperCase(host.charAt(0)) + host.substring(1);
            if (pod.path(host).asBoolean(false) && !scc.path(allowed).asBoolean(false)) {
                out.add("pod: " + host + " is not allowed (" + allowed + ": false)");
            }
        }
        Set<String> volumeTypes = new LinkedHashSet<>();
        scc.path("volumes").forEach(v -> volumeTypes.add(v.asText()));
        for (JsonNode volume : pod.path("volumes")) {
            volume.fieldNames().forEachRemaining(type -> {
                if (!type.equals("name") && !volumeTypes.contains(type) && !volumeTypes.contains("*")) {
                    out.add("volume " + volume.path("name").asText() + ": " + type + " is not an allowed volume type");
                }
            });
        }
        boolean mustRunAsRange = scc.path("runAsUser").path("type").asText().equals("MustRunAsRange");
        if (mustRunAsRange && podSc.has("runAsUser")) {
            out.add("pod: a fixed runAsUser (" + podSc.get("runAsUser") + ") is outside the namespace's range");
        }
        if (scc.path("seLinuxContext").path("type").asText().equals("MustRunAs") && podSc.has("seLinuxOptions")) {
            out.add("pod: seLinuxOptions of its own (the SCC assigns them)");
        }
        if (scc.path("fsGroup").path("type").asText().equals("MustRunAs") && podSc.has("fsGroup")) {
            out.add("pod: a fixed fsGroup is outside the namespace's range");
        }
        List<String> seccomp = new ArrayList<>();
        scc.path("seccompProfiles").forEach(p -> seccomp.add(p.asText()));
        Set<String> allowedCaps = new LinkedHashSet<>();
        scc.path("allowedCapabilities").forEach(c -> allowedCaps.add(c.asText()));
        List<String> requiredDrops = new ArrayList<>();
        scc.path("requiredDropCapabilities").forEach(c -> requiredDrops.add(c.asText()));
        boolean projectReadOnlyRoot = scc.path("project").path("readOnlyRootFilesystem").asBoolean(false)
                || scc.path("readOnlyRootFilesystem").asBoolean(false);

        List<JsonNode> containers = new ArrayList<>();
        pod.path("initContainers").forEach(containers::add);
        pod.path("containers").forEach(containers::add);
        for (JsonNode c : containers) {
            String name = "container " + c.path("name").asText();
            JsonNode sc = c.path("securityContext");
            if (mustRunAsRange && sc.has("runAsUser")) {
                out.add(name + ": a fixed runAsUser (" + sc.get("runAsUser") + ") is outside the namespace's range");
            }
            // an arbitrary uid from the range is not root, but the pod must also say so: restricted-v2 is applied
            // with runAsNonRoot, and the images must run as any uid
            if (!sc.path("runAsNonRoot").asBoolean(podSc.path("runAsNonRoot").asBoolean(false))) {
                out.add(name + ": runAsNonRoot is not true (pod or container)");
            }
            if (!seccomp.isEmpty() && !seccomp.contains("*")) {
                String profile = sc.path("seccompProfile").path("type")
                        .asText(podSc.path("seccompProfile").path("type").asText(""));
                String asScc = profile.equals("RuntimeDefault") ? "runtime/default"
                        : profile.equals("Localhost") ? "localhost/" + sc.path("seccompProfile").path("localhostProfile").asText()
                        : profile.equals("Unconfined") ? "unconfined" : "";
                if (!seccomp.contains(asScc)) {
                    out.add(name + ": seccomp profile '" + profile + "' is not one of " + seccomp);
                }
            }
            if (sc.path("privileged").asBoolean(false) && !scc.path("allowPrivilegedContainer").asBoolean(false)) {
                out.add(name + ": privileged is not allowed");
            }
            if (!scc.path("allowPrivilegeEscalation").asBoolean(true)
                    && sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                out.add(name + ": allowPrivilegeEscalation is not false");
            }
            Set<String> drops = new LinkedHashSet<>();
            sc.path("capabilities").path("drop").forEach(d -> drops.add(d.asText()));
            for (String required : requiredDrops) {
                if (!drops.contains(required)) {
                    out.add(name + ": capabilities do not drop " + required + " (drop " + required + " required)");
                }
            }
            sc.path("capabilities").path("add").forEach(a -> {
                if (!allowedCaps.contains(a.asText())) {
                    out.add(name + ": capability " + a.asText() + " may not be added (allowed: " + allowedCaps + ")");
                }
            });
            for (JsonNode port : c.path("ports")) {
                if (port.has("hostPort") && !scc.path("allowHostPorts").asBoolean(false)) {
                    out.add(name + ": hostPort " + port.get("hostPort") + " is not allowed");
                }
            }
            if (projectReadOnlyRoot && !sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                out.add(name + ": readOnlyRootFilesystem is not true (project rule)");
            }
        }
        return out;
    }

    @Test
    void everyImageIsARelatedImageAndDisconnectedOnlyWhenPinnedByDigest() throws Exception {
        JsonNode csv = csv();
        Set<String> images = new LinkedHashSet<>();
        for (JsonNode pod : podSpecs(csv)) {
            pod.path("containers").forEach(c -> images.add(c.path("image").asText()));
            pod.path("initContainers").forEach(c -> images.add(c.path("image").asText()));
        }
        Set<String> related = new LinkedHashSet<>();
        csv.path("spec").path("relatedImages").forEach(r -> {
            assertFalse(r.path("name").asText().isEmpty(), r.toString());
            related.add(r.path("image").asText());
        });
        assertEquals(images, related);
        boolean byDigest = images.stream().allMatch(i -> i.contains("@sha256:"));
        assertEquals(Boolean.toString(byDigest), csv.path("metadata").path("annotations")
                .path("features.operators.openshift.io/disconnected").asText(), "disconnected feature");
    }

    /**
     * With the operator image pinned by digest (-Dquarkus.container-image.image=REPO@sha256:...) the build's
     * finisher declares the disconnected feature: run on a copy of the bundle with such an image.
     */
    @Test
    void pinnedByDigestTheBundleIsDisconnectedReady(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("bundle");
        try (var files = Files.walk(BUNDLE)) {
            for (Path p : files.toList()) {
                Files.copy(p, copy.resolve(BUNDLE.relativize(p).toString()));
            }
        }
        Path csvFile = copy.resolve("manifests/spin-operator.clusterserviceversion.yaml");
        String digest = "ghcr.io/spinkube/spin-operator-quarkus@sha256:" + "0123456789abcdef".repeat(4);
        Files.writeString(csvFile, Files.readString(csvFile).replace("ghcr.io/spinkube/spin-operator-quarkus:0.1.0", digest));
        Process finisher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "src/build/BundleFinisher.java", copy.toString(),
                "deploy/05-webhooks.yaml", "v4.16").redirectErrorStream(true).start();
        String out = new String(finisher.getInputStream().readAllBytes());
        assertEquals(0, finisher.waitFor(), out);
        JsonNode csv = YAML.readTree(csvFile.toFile());
        assertEquals(digest, csv.path("spec").path("relatedImages").get(0).path("image").asText());
        assertEquals("true", csv.path("metadata").path("annotations").path("features.operators.openshift.io/disconnected").asText());
    }

    @Test
    void openShiftVersionsAndMinKubeVersion() throws Exception {
        JsonNode annotations = YAML.readTree(BUNDLE.resolve("metadata/annotations.yaml").toFile()).path("annotations");
        assertEquals("v4.16", annotations.path("com.redhat.openshift.versions").asText());
        assertTrue(Files.readAllLines(BUNDLE.resolve("bundle.Dockerfile"))
                .contains("LABEL com.redhat.openshift.versions=v4.16"));
        // OpenShift 4.16 is Kubernetes 1.29, the oldest the operator runs on (it checks at start)
        assertEquals("1.29.0", csv().path("spec").path("minKubeVersion").asText());
    }

    /** The webhooks OLM provisions are exactly the chart's (deploy/05-webhooks.yaml), served by the operator's port. */
    @Test
    void webhookDefinitionsAreTheChartsWebhooks() throws Exception {
        JsonNode csv = csv();
        Set<String> chart = new LinkedHashSet<>();
        try (var parser = YAML.createParser(Path.of("deploy/05-webhooks.yaml").toFile())) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                doc.path("webhooks").forEach(w -> chart.add(w.path("name").asText() + " "
                        + w.path("clientConfig").path("service").path("path").asText() + " " + w.path("rules")));
            }
        }
        Set<String> olm = new LinkedHashSet<>();
        for (JsonNode w : csv.path("spec").path("webhookdefinitions")) {
            olm.add(w.path("generateName").asText() + " " + w.path("webhookPath").asText() + " " + w.path("rules"));
            assertEquals("spin-operator", w.path("deploymentName").asText());
            assertEquals(8443, w.path("targetPort").asInt());
        }
        assertEquals(chart, olm);
        JsonNode container = podSpecs(csv).get(0).path("containers").get(0);
        List<String> env = new ArrayList<>();
        container.path("env").forEach(e -> env.add(e.path("name").asText() + "=" + e.path("value").asText()));
        assertTrue(env.containsAll(List.of("SPIN_OPERATOR_WEBHOOKS_ENABLED=true",
                "SPIN_OPERATOR_WEBHOOKS_CERTIFICATES=files")), env.toString());
    }
}
