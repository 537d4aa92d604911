package dev.spinkube.operator.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.testing.KubeApiServer;
import dev.spinkube.operator.testing.Tools;
import dev.spinkube.operator.testing.Yaml;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;

/**
 * The operator image (built by {@code .ci/image.sh}, named by {@code -Doperator.image=NAME}) started with podman the
 * way the kubelet starts deploy/'s pod: everything the container gets is read from {@code deploy/03-deployment.yaml}
 * (command and args, env with its field references, ports, probes, security context, memory limit, volumes, the
 * termination grace period), plus what the kubelet adds (the ServiceAccount's token, CA and namespace at
 * {@code /var/run/secrets/kubernetes.io/serviceaccount/}, {@code KUBERNETES_SERVICE_HOST}/{@code PORT}, the service
 * links of the namespace's Services, the pod name as host name), as an arbitrary non-root UID in group 0 (what
 * OpenShift assigns). The API server is a real control plane of its own, installed with {@code kubectl apply -f
 * deploy/}.
 * <p>
 * Two stand-ins for the cluster's network, the only settings not taken from the manifest: the container shares the
 * host's network, so {@code KUBERNETES_SERVICE_HOST}/{@code PORT} name the test API server on 127.0.0.1 (in a pod:
 * the {@code kubernetes} Service's cluster IP), and the webhook configurations call the container's webhook port by
 * URL on 127.0.0.1 instead of through the webhook Service (no Service routing here), with 127.0.0.1 added to the
 * serving certificate's names ({@code SPIN_OPERATOR_WEBHOOKS_EXTRA_NAMES}).
 * <p>
 * Skipped (JUnit's condition on the system property) only when no image was named: {@code ./mvnw verify} on a
 * machine without podman. A named image that podman does not have fails.
 */
@EnabledIfSystemProperty(named = "operator.image", matches = ".*\\S.*", disabledReason = "no operator image to test: "
        + "-Doperator.image=NAME names one that .ci/image.sh built with podman (.ci/run does)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageIT {
    static final String IMAGE = System.getProperty("operator.image", "").trim();
    static final Path MANIFEST = Path.of("deploy", "03-deployment.yaml");
    static final String CONTAINER = "spin-operator-image-it";
    /** An arbitrary UID in group 0, as OpenShift's restricted SCC assigns one per namespace. */
    static final String UID = "1000650000";
    static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
    static final Path FIGURES = Path.of("target", "image-figures.txt");
    static final int APPS = Integer.getInteger("image.apps", 100);

    KubeApiServer api;
    JsonNode deployment;
    JsonNode podSpec;
    JsonNode container;
    String namespace;
    String podName;
    Map<String, Integer> ports;
    InetSocketAddress apiAddress;
    long pid;
    SocketWatch sockets;
    final Map<String, String> figures = new LinkedHashMap<>();

    @BeforeAll
    void startTheImageAsThePodRunsIt() throws Exception {
        Result exists = podman("image", "exists", IMAGE);
        assertEquals(0, exists.exit(), "-Doperator.image=" + IMAGE + " but podman has no such image: " + exists.output());
        podman("rm", "--force", "--ignore", CONTAINER);

        deployment = deployment();
        podSpec = deployment.path("spec").path("template").path("spec");
        assertEquals(1, podSpec.path("containers").size(), "one container in " + MANIFEST);
        container = podSpec.path("containers").get(0);
        namespace = deployment.path("metadata").path("namespace").asText();
        podName = deployment.path("metadata").path("name").asText() + "-5d8f7b9c4-imgit";
        ports = new LinkedHashMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        for (int port : ports.values()) {
            assertTrue(free(port), "port " + port + " of " + MANIFEST + " is taken on this machine: the container "
                    + "shares the host's network (--network host) and listens on its containerPorts as a pod does");
        }

        api = KubeApiServer.startSeparate("image");
        URI url = URI.create(api.url());
        apiAddress = new InetSocketAddress(InetAddress.getByName(url.getHost()), url.getPort());
        Tools.kubectl(api, "apply", "-f", "deploy/").ok();
        Tools.awaitCrds(api);
        // no Service routing here: the webhook configurations call the container's webhook port by URL
        SamplesIT.webhooksCallUrl(api, namespace, "https://127.0.0.1:" + ports.get("webhook"));

        List<String> run = runCommand();
        System.out.println("[image] " + String.join(" ", run));
        long t0 = System.nanoTime();
        Result started = exec(run, 120);
        assertEquals(0, started.exit(), "podman run:\n" + started.output());
        pid = Long.parseLong(podman("inspect", "--format", "{{.State.Pid}}", CONTAINER).output().trim());
        sockets = new SocketWatch(pid);
        String readiness = probeUrl(container.path("readinessProbe"));
        HttpClient http = PROBES;
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(readiness)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) { // cheaper than podman inspect
                fail("the container exited (" + podman("inspect", "--format", "{{.State.ExitCode}}", CONTAINER)
                        .output().trim() + ") before it became ready:\n" + logs());
            }
            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(90)) {
                fail("not ready within 90 s:\n" + logs());
            }
            Thread.sleep(20);
        }
        double ready = (System.nanoTime() - t0) / 1e9;
        figures.put("podman run to ready", "%.2f s".formatted(ready));
        Matcher startedIn = Pattern.compile("started in ([0-9.]+)s").matcher(logs());
        figures.put("the operator's own 'started in'", startedIn.find() ? startedIn.group(1) + " s" : "not logged");
        figures.put("RSS at ready (anonymous)", memory());
        figures.put("memory cgroup at ready (usage / limit)", cgroupMemory());
        figures.put("image size", mib(Long.parseLong(podman("image", "inspect", "--format", "{{.Size}}", IMAGE)
                .output().trim())));
    }

    @AfterAll
    void stop() throws Exception {
        if (sockets != null) {
            sockets.close();
        }
        if (api != null) {
            try {
                if (sockets != null) {
                    figures.put("container sockets seen", sockets.summary(apiAddress));
                }
                Files.writeString(FIGURES, figures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("\n", "image " + IMAGE + "\n", "\n")));
                figures.forEach((k, v) -> System.out.println("[image] " + k + ": " + v));
                System.out.println("[image] the container's log:\n" + logs());
            } finally {
                podman("rm", "--force", "--ignore", CONTAINER);
                api.close();
            }
        }
    }

    /**
     * The process in the container is what the pod's security context makes it: the manifest's UID (here an
     * arbitrary one) in group 0, no capabilities, no privilege escalation, the memory limit; the image's user is a
     * number other than 0 (the kubelet refuses runAsNonRoot otherwise).
     */
    @Test
    @Order(1)
    void runsAsTheSecurityContextSays() throws Exception {
        String status = Files.readString(Path.of("/proc", String.valueOf(pid), "status"));
        assertTrue(status.matches("(?s).*\\nUid:\\s+" + UID + "\\s+" + UID + "\\s.*"), status);
        assertTrue(status.matches("(?s).*\\nGid:\\s+0\\s+0\\s.*"), status);
        assertTrue(status.contains("CapEff:\t0000000000000000"), status);
        assertTrue(status.contains("CapBnd:\t0000000000000000"), status);
        assertTrue(status.contains("NoNewPrivs:\t1"), status);
        String user = podman("image", "inspect", "--format", "{{.Config.User}}", IMAGE).output().trim();
        assertTrue(user.matches("[1-9][0-9]*(:[0-9]+)?"), "the image's USER is a non-zero number: '" + user + "'");
        long limit = memoryLimit();
        if (limit > 0) {
            String cgroup = cgroupMemory();
            assertTrue(cgroup.endsWith(" / " + mib(limit)), "the container's memory cgroup has the pod's limit: " + cgroup);
        } else {
            System.out.println("[image] the manifest sets no memory limit");
        }
    }

    /** deploy/'s probes answer on their ports and paths; the metrics Service's port serves metrics. */
    @Test
    @Order(2)
    void answersTheProbesAndServesMetrics() throws Exception {
        int probes = 0;
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            if (container.has(probe)) {
                String url = probeUrl(container.path(probe));
                assertEquals(200, get(url).statusCode(), probe + " " + url);
                probes++;
            }
        }
        assertTrue(probes >= 2, "deploy/ has a liveness and a readiness probe");
        HttpResponse<String> metrics = get("http://127.0.0.1:" + ports.get("http") + "/q/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("spin_operator_"), metrics.body());
        assertEquals(new TreeSet<>(ports.values()), sockets.listening(),
                "the container listens on the containerPorts of " + MANIFEST + ", on nothing else");
    }

    /** SamplesIT in the container: every sample converges to what render prints, healthy, without a 403. */
    @Test
    @Order(3)
    void everySampleConvergesToWhatTheImageRenders() throws Exception {
        List<String> render = new ArrayList<>(podmanCommand("run", "--rm", "--network", "none", "--read-only",
                "--read-only-tmpfs=false", "--user", UID + ":0", "--cap-drop", "ALL"));
        render.addAll(ulimits());
        render.addAll(List.of("--volume", Path.of("samples").toAbsolutePath() + ":/samples:ro", IMAGE, "render",
                "/samples/"));
        List<JsonNode> rendered = SamplesIT.render(render);
        assertTrue(rendered.stream().filter(o -> o.path("kind").asText().equals("Deployment")).count() > 20,
                "the image rendered the samples' Deployments");

        SamplesIT.applyEverySampleAndConverge(api, rendered, this::logs);
        figures.put("RSS with the samples (" + rendered.stream().filter(o -> o.path("kind").asText()
                .equals("Deployment")).count() + " Deployments)", memory());
        assertTrue(sockets.connectionsFrom(ports.get("webhook")) > 0,
                "the API server called the webhooks in the container");
    }

    /**
     * {@code -Dimage.apps=N} SpinApps (default 100; 1000 for bench/README's figure) created by 8 writers converge, every
     * app Ready because its pod is, in the pod's memory limit: the container is not killed for memory on the way.
     */
    @Test
    @Order(4)
    void manyAppsConvergeWithinTheMemoryLimit() throws Exception {
        String executor = "containerd-shim-spin"; // samples/spin-shim-executor.yaml, in namespace default
        long t0 = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < APPS; i++) {
                SpinApp app = Yaml.app("load-" + i, """
                        image: "ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0"
                        replicas: 1
                        executor: %s
                        """.formatted(executor));
                created.add(writers.submit(() -> api.admin().resource(app).create()));
            }
            for (Future<?> f : created) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            writers.shutdown();
        }
        await(APPS + " apps Ready").atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            assertTrue(running(), "the container stopped (OOMKilled: " + podman("inspect", "--format",
                    "{{.State.OOMKilled}}", CONTAINER).output().trim() + "):\n" + logs());
            return api.admin().resources(SpinApp.class).inNamespace("default").list().getItems().stream()
                    .filter(a -> a.getMetadata().getName().startsWith("load-") && a.getStatus() != null
                            && a.getStatus().ready().map(c -> "AppReady".equals(c.getReason())).orElse(false))
                    .count() == APPS;
        });
        figures.put(APPS + " new apps Ready (pods ready) in", "%.1f s".formatted((System.nanoTime() - t0) / 1e9));
        figures.put("RSS with " + APPS + " more apps (anonymous)", memory());
        figures.put("memory cgroup with " + APPS + " more apps (usage / limit)", cgroupMemory());
        assertTrue(running(), logs());
    }

    /** Air-gapped clusters: the operator opens no connection except to the API server. */
    @Test
    @Order(5)
    void connectsToNothingButTheApiServer() {
        assertTrue(sockets.samples() > 10, "the socket table was read while the operator ran");
        assertEquals(List.of(), sockets.outside(ports.values(), apiAddress),
                "sockets other than the API server's and the containerPorts, from the container's socket table");
    }

    /** SIGTERM with the pod's grace period, as the kubelet stops it: out in time, cleanly, without an ERROR. */
    @Test
    @Order(6)
    void sigtermStopsItCleanlyWithinTheGracePeriod() throws Exception {
        int grace = podSpec.path("terminationGracePeriodSeconds").asInt(30);
        long t0 = System.nanoTime();
        Result stopped = podman("stop", "--time", String.valueOf(grace), CONTAINER);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, stopped.exit(), stopped.output());
        String log = logs();
        int exit = Integer.parseInt(podman("inspect", "--format", "{{.State.ExitCode}}", CONTAINER).output().trim());
        figures.put("SIGTERM to exit", "%.2f s, exit %d (grace period %d s)".formatted(seconds, exit, grace));
        assertTrue(seconds < grace, "stopped after " + seconds + " s, the grace period is " + grace + " s:\n" + log);
        assertTrue(exit == 0 || exit == 143, "exit " + exit + " (137: killed at the end of the grace period):\n" + log);
        assertTrue(log.contains("Released the Lease on shutdown"), log);
        assertTrue(log.contains("stopped in"), log);
        assertFalse(log.contains(" ERROR "), log);
    }

    // ---- the pod, from the manifest ----

    static JsonNode deployment() throws IOException {
        try (MappingIterator<JsonNode> docs = SamplesIT.YAML.readerFor(JsonNode.class)
                .readValues(Files.readString(MANIFEST, StandardCharsets.UTF_8))) {
            return docs.readAll().stream().filter(d -> d != null && "Deployment".equals(d.path("kind").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no Deployment in " + MANIFEST));
        }
    }

    /** {@code podman run} with what the kubelet gives deploy/'s container. */
    List<String> runCommand() throws IOException {
        List<String> run = new ArrayList<>(podmanCommand("run", "--detach", "--name", CONTAINER, "--network", "host",
                "--hostname", podName));
        run.addAll(ulimits());
        JsonNode security = container.path("securityContext");
        JsonNode podSecurity = podSpec.path("securityContext");
        if (security.path("readOnlyRootFilesystem").asBoolean(false)) {
            // podman's --read-only alone adds writable tmpfs on /tmp, /var/tmp and /run: a pod has none of them
            run.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
        }
        security.path("capabilities").path("drop").forEach(c -> run.addAll(List.of("--cap-drop", c.asText())));
        security.path("capabilities").path("add").forEach(c -> run.addAll(List.of("--cap-add", c.asText())));
        if (!security.path("allowPrivilegeEscalation").asBoolean(true)) {
            run.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        String seccomp = security.path("seccompProfile").path("type")
                .asText(podSecurity.path("seccompProfile").path("type").asText("RuntimeDefault"));
        assertEquals("RuntimeDefault", seccomp, "seccompProfile (podman's default profile stands for RuntimeDefault)");
        assertFalse(security.has("runAsUser") || podSecurity.has("runAsUser"),
                "deploy/ leaves the UID to the cluster: the test runs it as an arbitrary one, " + UID);
        run.addAll(List.of("--user", UID + ":0"));
        JsonNode resources = container.path("resources");
        long limit = memoryLimit();
        if (limit > 0) {
            run.addAll(List.of("--memory", limit + "b", "--memory-swap", limit + "b"));
        }
        if (resources.path("limits").has("cpu")) {
            fail("deploy/ sets a CPU limit now: pass it (--cpus) here");
        }
        if (resources.path("requests").has("cpu")) { // the kubelet's cpu.shares for the request
            long milli = Quantity.getAmountInBytes(new Quantity(resources.path("requests").path("cpu").asText()))
                    .multiply(BigDecimal.valueOf(1000)).longValue();
            run.addAll(List.of("--cpu-shares", String.valueOf(Math.max(2, milli * 1024 / 1000))));
        }
        Map<String, String> env = environment();
        env.forEach((k, v) -> run.addAll(List.of("--env", k + "=" + v)));
        for (JsonNode mount : container.path("volumeMounts")) {
            run.addAll(List.of("--volume", volume(mount.path("name").asText()) + ":" + mount.path("mountPath").asText()
                    + (mount.path("readOnly").asBoolean(false) ? ":ro" : "")));
        }
        run.addAll(List.of("--volume", serviceAccount() + ":" + SERVICE_ACCOUNT_DIR + ":ro"));
        if (container.has("command")) {
            run.addAll(List.of("--entrypoint", new ObjectMapper().writeValueAsString(container.path("command"))));
        }
        run.add(IMAGE);
        container.path("args").forEach(a -> run.add(expand(a.asText(), env)));
        return run;
    }

    /**
     * What the kubelet makes of {@code $(NAME)} in args: the container's variable of that name, {@code $$} for a
     * literal {@code $}, an unknown name left as it is.
     */
    static String expand(String arg, Map<String, String> env) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(arg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1) == null ? "$" : env.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    long memoryLimit() {
        JsonNode limit = container.path("resources").path("limits").path("memory");
        return limit.isMissingNode() ? 0 : Quantity.getAmountInBytes(new Quantity(limit.asText())).longValue();
    }

    /**
     * The container's environment as the kubelet makes it: the {@code kubernetes} Service's variables (pointing at
     * the test API server), the service links of the namespace's Services (unless enableServiceLinks is false),
     * then the manifest's env with its field references resolved for this pod.
     */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        String host = apiAddress.getAddress().getHostAddress();
        int port = apiAddress.getPort();
        env.put("KUBERNETES_SERVICE_HOST", host);
        env.put("KUBERNETES_SERVICE_PORT", String.valueOf(port));
        env.put("KUBERNETES_SERVICE_PORT_HTTPS", String.valueOf(port));
        env.put("KUBERNETES_PORT", "tcp://" + host + ":" + port);
        env.put("KUBERNETES_PORT_" + port + "_TCP", "tcp://" + host + ":" + port);
        env.put("KUBERNETES_PORT_" + port + "_TCP_PROTO", "tcp");
        env.put("KUBERNETES_PORT_" + port + "_TCP_PORT", String.valueOf(port));
        env.put("KUBERNETES_PORT_" + port + "_TCP_ADDR", host);
        if (podSpec.path("enableServiceLinks").asBoolean(true)) {
            for (Service s : api.admin().services().inNamespace(namespace).list().getItems()) {
                serviceLinks(s, env);
            }
        }
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            if (e.has("value")) {
                env.put(name, e.path("value").asText());
            } else if (e.path("valueFrom").has("fieldRef")) {
                String field = e.path("valueFrom").path("fieldRef").path("fieldPath").asText();
                env.put(name, switch (field) {
                    case "metadata.namespace" -> namespace;
                    case "metadata.name" -> podName;
                    case "metadata.uid" -> UUID.randomUUID().toString();
                    case "spec.serviceAccountName" -> podSpec.path("serviceAccountName").asText("default");
                    case "spec.nodeName" -> "kwok-node";
                    case "status.podIP", "status.hostIP" -> "127.0.0.1";
                    default -> throw new AssertionError("env " + name + ": fieldRef " + field + " is new: resolve it here");
                });
            } else if (e.path("valueFrom").has("resourceFieldRef")) {
                JsonNode ref = e.path("valueFrom").path("resourceFieldRef");
                assertEquals("limits.memory", ref.path("resource").asText(), "env " + name + ": resolve " + ref + " here");
                long divisor = Math.max(1, Quantity.getAmountInBytes(new Quantity(ref.path("divisor").asText("1"))).longValue()); // "0": 1
                assertTrue(memoryLimit() > 0, "env " + name + " reads limits.memory: the manifest must set one");
                env.put(name, String.valueOf((memoryLimit() + divisor - 1) / divisor)); // the kubelet rounds up
            } else {
                throw new AssertionError("env " + name + ": " + e.path("valueFrom") + " is new: resolve it here");
            }
        }
        if (env.containsKey("SPIN_OPERATOR_WEBHOOKS_ENABLED")) {
            env.put("SPIN_OPERATOR_WEBHOOKS_EXTRA_NAMES", "127.0.0.1"); // the stand-in for the Service's route
        }
        if (container.has("envFrom")) {
            fail("deploy/ uses envFrom now: resolve it here");
        }
        return env;
    }

    /** What the kubelet adds for a Service of the pod's namespace (docker links style). */
    static void serviceLinks(Service s, Map<String, String> env) {
        String ip = s.getSpec().getClusterIP();
        if (ip == null || ip.isBlank() || "None".equals(ip) || s.getSpec().getPorts().isEmpty()) {
            return;
        }
        String name = s.getMetadata().getName().toUpperCase().replace('-', '_');
        ServicePort first = s.getSpec().getPorts().get(0);
        env.put(name + "_SERVICE_HOST", ip);
        env.put(name + "_SERVICE_PORT", String.valueOf(first.getPort()));
        env.put(name + "_PORT", first.getProtocol().toLowerCase() + "://" + ip + ":" + first.getPort());
        for (ServicePort p : s.getSpec().getPorts()) {
            if (p.getName() != null && !p.getName().isBlank()) {
                env.put(name + "_SERVICE_PORT_" + p.getName().toUpperCase().replace('-', '_'), String.valueOf(p.getPort()));
            }
            String prefix = name + "_PORT_" + p.getPort() + "_" + p.getProtocol().toUpperCase();
            env.put(prefix, p.getProtocol().toLowerCase() + "://" + ip + ":" + p.getPort());
            env.put(prefix + "_PROTO", p.getProtocol().toLowerCase());
            env.put(prefix + "_PORT", String.valueOf(p.getPort()));
            env.put(prefix + "_ADDR", ip);
        }
    }

    /** A host folder for a pod volume: an emptyDir is an empty folder anyone may write (0777), as the kubelet's. */
    String volume(String name) throws IOException {
        for (JsonNode v : podSpec.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                if (v.has("emptyDir") && !"Memory".equals(v.path("emptyDir").path("medium").asText())) {
                    Path dir = Files.createTempDirectory("image-it-" + name);
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
                    return dir.toString();
                }
                fail("volume " + name + " of " + MANIFEST + " is new: " + v + ": mount it here");
            }
        }
        throw new AssertionError("no volume " + name + " in " + MANIFEST);
    }

    /** The projected ServiceAccount volume: a token of the pod's ServiceAccount, the cluster's CA, the namespace. */
    String serviceAccount() throws IOException {
        String account = podSpec.path("serviceAccountName").asText("default");
        String token = api.admin().serviceAccounts().inNamespace(namespace).withName(account)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3607L).endSpec().build())
                .getStatus().getToken();
        Path dir = Files.createTempDirectory("image-it-serviceaccount");
        Files.writeString(dir.resolve("token"), token);
        Files.write(dir.resolve("ca.crt"), Base64.getDecoder().decode(api.caCertData()));
        Files.writeString(dir.resolve("namespace"), namespace);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String f : List.of("token", "ca.crt", "namespace")) {
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        return dir.toString();
    }

    String probeUrl(JsonNode probe) {
        JsonNode get = probe.path("httpGet");
        assertTrue(get.has("path"), "an httpGet probe: " + probe);
        String port = get.path("port").asText();
        int number = port.matches("[0-9]+") ? Integer.parseInt(port) : ports.getOrDefault(port, -1);
        assertTrue(number > 0, "the probe's port " + port + " is a containerPort");
        return get.path("scheme").asText("HTTP").toLowerCase() + "://127.0.0.1:" + number + get.path("path").asText();
    }

    // ---- the container, from outside ----

    String logs() {
        return podman("logs", CONTAINER).output();
    }

    boolean running() {
        return "true".equals(podman("inspect", "--format", "{{.State.Running}}", CONTAINER).output().trim());
    }

    /** VmRSS of the operator's process, and its anonymous part, from the host's /proc. */
    String memory() throws IOException {
        String status = Files.readString(Path.of("/proc", String.valueOf(pid), "status"));
        return mib(kib(status, "VmRSS") * 1024) + " (" + mib(kib(status, "RssAnon") * 1024) + ")";
    }

    static long kib(String status, String field) {
        Matcher m = Pattern.compile(field + ":\\s+([0-9]+) kB").matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Usage and limit of the container's memory cgroup (v1 or v2), as the kernel accounts it against the limit. */
    String cgroupMemory() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "cgroup"))) {
            String[] f = line.split(":", 3);
            if (f[1].equals("memory")) {
                Path dir = Path.of("/sys/fs/cgroup/memory" + f[2]);
                return mib(read(dir.resolve("memory.usage_in_bytes"))) + " / " + mib(read(dir.resolve("memory.limit_in_bytes")));
            }
            if (f[0].equals("0") && f[1].isEmpty() && Files.exists(Path.of("/sys/fs/cgroup" + f[2], "memory.current"))) {
                Path dir = Path.of("/sys/fs/cgroup" + f[2]);
                String max = Files.readString(dir.resolve("memory.max")).trim();
                return mib(read(dir.resolve("memory.current"))) + " / " + (max.equals("max") ? "none" : mib(Long.parseLong(max)));
            }
        }
        return "no memory cgroup";
    }

    static long read(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }

    static String mib(long bytes) {
        return "%.1f MiB".formatted(bytes / 1048576.0);
    }

    /**
     * HTTP/1.1, as the kubelet probes and Prometheus scrapes. The JDK client's default, an HTTP/2 upgrade, once lost
     * a response and its request timeout never fired: the test hung.
     */
    static final HttpClient PROBES = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return PROBES.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- podman ----

    record Result(int exit, String output) {
    }

    /** podman with runc (crun fails on this machine's hybrid cgroups), then {@code args}. */
    static List<String> podmanCommand(String... args) {
        List<String> command = new ArrayList<>(List.of("podman", "--runtime", "runc"));
        command.addAll(List.of(args));
        return command;
    }

    static Result podman(String first, String... rest) {
        List<String> args = new ArrayList<>(List.of(first));
        args.addAll(List.of(rest));
        return exec(podmanCommand(args.toArray(String[]::new)), 120);
    }

    /**
     * Resource limits at or below this machine's (a sandbox cannot raise them): nofile 1024, nproc 1000. A kubelet
     * leaves the runtime's defaults, which are higher.
     */
    static List<String> ulimits() {
        String[] current = exec(List.of("bash", "-c", "ulimit -n; ulimit -u"), 10).output().trim().split("\\s+");
        long nofile = Math.min(1024, current[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(current[0]));
        long nproc = Math.min(1000, current[1].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(current[1]));
        return List.of("--ulimit", "nofile=" + nofile + ":" + nofile, "--ulimit", "nproc=" + nproc + ":" + nproc);
    }

    static Result exec(List<String> command, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + " (is podman installed? .ci/image.sh installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The container's TCP and UDP sockets, read every 100 ms from the host: the process's socket inodes
     * ({@code /proc/PID/fd}) looked up in its network namespace's tables ({@code /proc/PID/net/tcp}, tcp6, udp,
     * udp6). With the host's network the tables hold the host's sockets too; the inodes pick the container's.
     */
    static final class SocketWatch implements AutoCloseable {
        record Socket(String protocol, String state, InetSocketAddress local, InetSocketAddress remote) {
            boolean listening() {
                return protocol.startsWith("tcp") && state.equals("0A");
            }

            @Override
            public String toString() {
                return protocol + " " + local + " -> " + remote + " (state " + state + ")";
            }
        }

        private final long pid;
        private final Set<Socket> seen = ConcurrentHashMap.newKeySet();
        private final Thread thread;
        private volatile boolean stop;
        private volatile int samples;

        SocketWatch(long pid) {
            this.pid = pid;
            this.thread = new Thread(() -> {
                while (!stop && sample()) {
                    samples++;
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "socket-watch");
            thread.setDaemon(true);
            thread.start();
        }

        int samples() {
            return samples;
        }

        /** The ports it listened on (TCP). */
        Set<Integer> listening() {
            return seen.stream().filter(Socket::listening).map(s -> s.local().getPort())
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        /** How many sockets of each kind the samples saw. */
        String summary(InetSocketAddress api) {
            Set<Integer> ports = listening();
            long toApi = seen.stream().filter(s -> !s.listening() && s.remote().equals(api)).count();
            long accepted = seen.stream().filter(s -> !s.listening() && ports.contains(s.local().getPort())).count();
            return seen.size() + " in " + samples + " samples: listening on " + ports + ", " + toApi
                    + " connections to the API server " + api + ", " + accepted + " accepted on those ports, "
                    + (seen.size() - toApi - accepted - seen.stream().filter(Socket::listening).count()) + " other";
        }

        /** Connections accepted on {@code port}. */
        long connectionsFrom(int port) {
            return seen.stream().filter(s -> !s.listening() && s.local().getPort() == port).count();
        }

        /**
         * Every socket but: listening on a containerPort, connections accepted on one, connections to the API server.
         */
        List<String> outside(java.util.Collection<Integer> containerPorts, InetSocketAddress api) {
            return seen.stream().filter(s -> {
                if (!s.protocol().startsWith("tcp")) {
                    return true;
                }
                if (containerPorts.contains(s.local().getPort())) {
                    return false;
                }
                return !(s.remote().getPort() == api.getPort() && s.remote().getAddress().equals(api.getAddress()));
            }).map(Socket::toString).sorted().toList();
        }

        private boolean sample() {
            Set<String> inodes = new java.util.HashSet<>();
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
                for (Path fd : fds) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring(8, target.length() - 1));
                        }
                    } catch (IOException closed) {
                        // closed between listing and reading
                    }
                }
                for (String protocol : List.of("tcp", "tcp6", "udp", "udp6")) {
                    List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", protocol));
                    for (String line : lines.subList(1, lines.size())) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length > 9 && inodes.contains(f[9])) {
                            seen.add(new Socket(protocol, f[3], address(f[1]), address(f[2])));
                        }
                    }
                }
                return true;
            } catch (IOException exited) {
                return false;
            }
        }

        /** {@code 0100007F:1F90} (IPv4) or 32 hex digits (IPv6), each 32-bit word in host (little-endian) order. */
        static InetSocketAddress address(String hex) {
            String[] parts = hex.split(":");
            byte[] raw = HexFormat.of().parseHex(parts[0]);
            byte[] address = new byte[raw.length];
            for (int word = 0; word < raw.length; word += 4) {
                for (int i = 0; i < 4; i++) {
                    address[word + i] = raw[word + 3 - i];
                }
            }
            try {
                // an IPv4-mapped IPv6 address comes back as the IPv4 address
                return new InetSocketAddress(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(2000);
        }
    }
}
