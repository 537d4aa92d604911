package dev.spinkube.operator.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.testing.KubeApiServer;
import dev.spinkube.operator.testing.OperatorInstall;
import dev.spinkube.operator.testing.PackagedOperator;
import dev.spinkube.operator.testing.Tools;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;

/**
 * A platform team's first hour, end to end: {@code kubectl apply -f deploy/} into an empty API server, the packaged
 * operator (the native executable with {@code -Dnative}) running as deploy/'s ServiceAccount with leader election
 * and its own webhook certificate, then every sample applied as users type it. Every object the operator applies
 * holds what {@code render} prints for the same files, every app turns Ready because its pods became ready, and
 * the operator met no 403 on the way.
 */
class SamplesIT {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The reasons of a healthy app: its pods are ready (the fake node runs them), or its executor runs it. */
    static final Set<String> HEALTHY = Set.of("AppReady", "ExternallyDeployed");
    /**
     * A refusal in the operator's log: named Forbidden, or the status code (code=403, HTTP 403); not a 403 inside a
     * UUID such as the lease holder's identity, nor a timestamp's milliseconds (",403").
     */
    static final Pattern REFUSAL = Pattern.compile("(?<![0-9a-fA-F,.:-])403(?![0-9a-fA-F-])|[Ff]orbidden");

    @Test
    void everySampleConvergesUnderDeploysRbacToWhatRenderPrints() throws Exception {
        List<JsonNode> rendered = render();
        assertTrue(rendered.stream().filter(o -> o.path("kind").asText().equals("Deployment")).count() > 20,
                "render printed the samples' Deployments");
        try (KubeApiServer api = KubeApiServer.startSeparate("samples")) {
            Tools.kubectl(api, "apply", "-f", "deploy/").ok();
            Tools.awaitCrds(api);
            int webhookPort = freePort();
            webhooksCallUrl(api, OperatorInstall.NAMESPACE, "https://127.0.0.1:" + webhookPort);
            Map<String, String> env = Map.of("KUBECONFIG", OperatorInstall.kubeconfig(api, "samples").toString(),
                    "POD_NAMESPACE", OperatorInstall.NAMESPACE,
                    "SPIN_OPERATOR_WEBHOOKS_ENABLED", "true",
                    "SPIN_OPERATOR_WEBHOOKS_PORT", String.valueOf(webhookPort),
                    "SPIN_OPERATOR_WEBHOOKS_EXTRA_NAMES", "127.0.0.1");
            try (PackagedOperator operator = PackagedOperator.start(env)) {
                operator.awaitReady("operator ready", body -> true);
                applyEverySampleAndConverge(api, rendered, operator::output);
            }
        }
    }

    /**
     * Every sample applied with kubectl as users type it, then: each object the operator applies holds what
     * {@code render} printed, each app has a healthy Ready condition, and the operator's log (read by {@code log})
     * shows leader election and no 403. For a running operator on {@code api}, installed by {@code deploy/}.
     */
    static void applyEverySampleAndConverge(KubeApiServer api, List<JsonNode> rendered, Supplier<String> log) {
        nodesAndStorageTheSamplesExpect(api);
        // the shared executors first, as the README applies them: with the webhooks answering, an app whose executor
        // does not exist yet is refused ("executor does not exist in namespace")
        List<File> ordered = Stream.concat(samples().stream().filter(SamplesIT::definesNoApp),
                samples().stream().filter(f -> !definesNoApp(f))).toList();
        for (File sample : ordered) {
            var applied = Tools.kubectl(api, "apply", "-f", sample.getPath());
            // KEDA is not installed: its ScaledObject is the one object the cluster cannot take
            assertTrue(applied.exit() == 0 || sample.getName().equals("keda.yaml")
                    && applied.output().contains("no matches for kind \"ScaledObject\""), applied.output());
        }

        await("every applied object holds what render printed").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertEquals(Map.of(), differences(api, rendered)));
        await("every app has a healthy Ready condition").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(Map.of(), unhealthy(api)));
        String output = log.get();
        assertFalse(REFUSAL.matcher(output).find(), output);
        assertTrue(output.contains("Leading"), "leader election ran:\n" + output);
    }

    /** What {@code render samples/} prints to stdout (its notes go to stderr), one node per object. */
    static List<JsonNode> render() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(PackagedOperator.command());
        command.addAll(List.of("render", "samples/"));
        return render(command);
    }

    /** What {@code command} (a render of the samples) prints to stdout, one node per object. */
    static List<JsonNode> render(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("render", ".yaml");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "render finished");
        assertEquals(0, p.exitValue(), "render exit code");
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class)
                .readValues(Files.readString(out, StandardCharsets.UTF_8))) {
            return docs.readAll().stream().filter(d -> d != null && d.isObject()).toList();
        }
    }

    /**
     * The webhook configurations {@code deploy/} installed call the webhook Service of {@code namespace}; with no Service
     * routing on the test control plane (the API server would dial the Service's cluster IP, an address outside this
     * machine), they call the operator by URL instead, {@code base} + the same path. The operator's serving certificate
     * then needs the URL's host among its names ({@code SPIN_OPERATOR_WEBHOOKS_EXTRA_NAMES}).
     */
    static void webhooksCallUrl(KubeApiServer api, String namespace, String base) {
        var v1 = api.admin().admissionRegistration().v1();
        for (var c : v1.mutatingWebhookConfigurations().list().getItems()) {
            c.getWebhooks().forEach(w -> byUrl(w.getClientConfig(), namespace, base));
            v1.mutatingWebhookConfigurations().resource(c).update();
        }
        for (var c : v1.validatingWebhookConfigurations().list().getItems()) {
            c.getWebhooks().forEach(w -> byUrl(w.getClientConfig(), namespace, base));
            v1.validatingWebhookConfigurations().resource(c).update();
        }
    }

    private static void byUrl(WebhookClientConfig config, String namespace, String base) {
        if (config.getService() != null && namespace.equals(config.getService().getNamespace())) {
            config.setUrl(base + config.getService().getPath());
            config.setService(null);
        }
    }

    /**
     * What the samples' pods need of a cluster to be scheduled: a node where the shim's node installer ran (its label)
     * in zone eu-west-1a ({@code scheduling.yaml}), and a volume for {@code volume-mount.yaml}'s claim (no
     * StorageClass provisions one here). The test cluster's fake nodes get the labels, and one PersistentVolume.
     */
    static void nodesAndStorageTheSamplesExpect(KubeApiServer api) {
        for (var node : api.admin().nodes().list().getItems()) {
            api.admin().nodes().withName(node.getMetadata().getName()).edit(n -> {
                n.getMetadata().getLabels().put("spinkube.dev/containerd-shim-spin", "installed");
                n.getMetadata().getLabels().put("topology.kubernetes.io/zone", "eu-west-1a");
                return n;
            });
        }
        api.admin().persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata()
                .withName("samples-volume").endMetadata().withNewSpec().withCapacity(Map.of("storage", new Quantity("1Gi")))
                .withAccessModes("ReadWriteOnce").withNewHostPath().withPath("/tmp/samples-volume").endHostPath()
                .endSpec().build()).fieldManager("spin-operator-tests").serverSideApply();
    }

    static boolean definesNoApp(File sample) {
        try {
            return !Files.readString(sample.toPath()).matches("(?s).*\\nkind: SpinApp\\s.*");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<File> samples() {
        File[] files = new File("samples").listFiles((dir, name) -> name.endsWith(".yaml"));
        return Stream.of(files).sorted().toList();
    }

    /** Per rendered object, the first field the live object lacks or holds differently. */
    static Map<String, String> differences(KubeApiServer api, List<JsonNode> rendered) {
        Map<String, String> differences = new TreeMap<>();
        for (JsonNode want : rendered) {
            String kind = want.path("kind").asText();
            String ns = want.path("metadata").path("namespace").asText("default");
            String name = want.path("metadata").path("name").asText();
            GenericKubernetesResource live = api.admin().genericKubernetesResources(want.path("apiVersion").asText(), kind)
                    .inNamespace(ns).withName(name).get();
            String id = kind + " " + ns + "/" + name;
            if (live == null) {
                differences.put(id, "missing");
                continue;
            }
            String difference = firstDifference(want, YAML.valueToTree(live), "");
            if (difference != null) {
                differences.put(id, difference);
            }
        }
        return differences;
    }

    /** Containment: every field of {@code want} is in {@code have} with the same value; lists element by element. */
    static String firstDifference(JsonNode want, JsonNode have, String path) {
        if (want.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext();) {
                var field = it.next();
                String difference = firstDifference(field.getValue(), have.path(field.getKey()),
                        path + "." + field.getKey());
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (want.isArray()) {
            if (!have.isArray() || have.size() != want.size()) {
                return path + ": " + want.size() + " items wanted, found " + have;
            }
            for (int i = 0; i < want.size(); i++) {
                String difference = firstDifference(want.get(i), have.get(i), path + "[" + i + "]");
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        return want.asText().equals(have.asText()) && !have.isMissingNode() ? null
                : path + ": wanted " + want + ", found " + have;
    }

    /** Apps whose Ready condition is missing or names an error. */
    static Map<String, String> unhealthy(KubeApiServer api) {
        Map<String, String> unhealthy = new TreeMap<>();
        for (SpinApp app : api.admin().resources(SpinApp.class).inAnyNamespace().list().getItems()) {
            String ready = app.getStatus() == null ? "no status"
                    : app.getStatus().ready().map(Condition::getReason).orElse("no Ready condition");
            if (!HEALTHY.contains(ready)) {
                unhealthy.put(app.getMetadata().getNamespace() + "/" + app.getMetadata().getName(), ready + ": "
                        + (app.getStatus() == null ? "" : app.getStatus().ready().map(Condition::getMessage).orElse("")));
            }
        }
        return unhealthy;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
