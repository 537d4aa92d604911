package dev.spinkube.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Drives the operator process against an API server (the fabric8 mock API server in CRUD mode, or the
 * cluster KUBECONFIG points to) and prints: start-up time to ready, RSS at idle, time for N new SpinApps to
 * have their Deployment, Service and status, API requests and writes per app (mock server only: it counts
 * them), RSS at the end, and writes per minute at idle after convergence.
 *
 * usage: ClusterBench OPERATOR_JAR N[,N...] IDLE_SECONDS
 */
public final class ClusterBench {
    static final String UA = "spin-operator-bench";
    static final String NS = "bench";

    /** Requests the operator made (the bench client identifies itself with its own User-Agent). */
    static final Map<String, AtomicLong> operatorRequests = new java.util.concurrent.ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        List<Integer> sizes = java.util.Arrays.stream(args[1].split(",")).map(Integer::parseInt).toList();
        int idleSeconds = Integer.parseInt(args[2]);
        String kubeconfig = System.getenv("KUBECONFIG");
        KubernetesMockServer mock = null;
        Path config;
        if (kubeconfig == null || kubeconfig.isBlank()) {
            mock = startMock();
            config = writeKubeconfig(mock);
            System.out.println("API server: fabric8 mock API server (CRUD) on port " + mock.getPort()
                    + " - figures compare builds; a real API server is slower");
        } else {
            config = Path.of(kubeconfig);
            System.out.println("API server: the cluster of KUBECONFIG=" + kubeconfig + " (requests are not counted)");
        }
        Map<String, String> results = new java.util.LinkedHashMap<>();
        Process operator = startOperator(jar, config);
        try {
            long t0 = System.nanoTime();
            waitReady(operator, Duration.ofSeconds(60));
            results.put("start-up to ready", String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - t0) / 1e9));
            Thread.sleep(3000); // settle, then read idle RSS
            results.put("RSS at idle (no apps)", mib(rss(operator)));

            try (KubernetesClient client = client(config)) {
                ensureNamespace(client);
                client.resource(Apps.executor(NS)).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
                int created = 0;
                for (int n : sizes) {
                    long before = writes();
                    long requestsBefore = total();
                    long start = System.nanoTime();
                    createApps(client, created, n);
                    waitConverged(client, created + n, Duration.ofMinutes(10));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    results.put("time for " + n + " new SpinApps to converge", String.format(Locale.ROOT, "%.2f s", seconds));
                    if (mock != null) {
                        Thread.sleep(2000);
                        results.put("operator API requests per app (N=" + n + ")",
                                String.format(Locale.ROOT, "%.2f", (total() - requestsBefore) / (double) n));
                        results.put("writes per new app incl. the client's create (N=" + n + ")",
                                String.format(Locale.ROOT, "%.2f", 1 + (writes() - before) / (double) n));
                    }
                    created += n;
                    results.put("RSS with " + created + " apps", mib(rss(operator)));
                }
                if (mock != null) {
                    Thread.sleep(5000);
                    long before = writes();
                    Thread.sleep(idleSeconds * 1000L);
                    results.put("writes per minute at idle (" + created + " apps, " + idleSeconds + " s)",
                            String.format(Locale.ROOT, "%.1f", (writes() - before) * 60.0 / idleSeconds));
                }
            }
        } finally {
            operator.destroy();
            operator.waitFor();
            if (mock != null) {
                mock.destroy();
            }
        }
        System.out.println();
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        results.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
        System.out.println("operator requests by method: " + operatorRequests);
    }

    /** Held so that JUL keeps its level: it only holds loggers weakly. The mock logs every request at INFO. */
    static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static KubernetesMockServer startMock() {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        Dispatcher counting = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String agent = request.getHeader("User-Agent");
                if (agent == null || !agent.contains(UA)) {
                    String kind = request.getPath().contains("watch=true") ? "WATCH" : request.getMethod();
                    operatorRequests.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                }
                return crud.dispatch(request);
            }
        };
        // the operator checks at start that the cluster runs Kubernetes 1.29 or newer; the mock says 0.0 unless told
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                counting, false, new io.fabric8.kubernetes.client.VersionInfo.Builder().withMajor("1").withMinor("31").build());
        server.init();
        return server;
    }

    static long writes() {
        return count("POST") + count("PUT") + count("PATCH") + count("DELETE");
    }

    static long total() {
        return operatorRequests.values().stream().mapToLong(AtomicLong::get).sum();
    }

    static long count(String method) {
        AtomicLong c = operatorRequests.get(method);
        return c == null ? 0 : c.get();
    }

    static Path writeKubeconfig(KubernetesMockServer mock) throws IOException {
        Path file = Files.createTempFile("bench-kubeconfig", ".yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "http://localhost:%d"}
                contexts:
                - name: mock
                  context: {cluster: mock, user: bench, namespace: %s}
                current-context: mock
                users:
                - name: bench
                  user: {token: bench}
                """.formatted(mock.getPort(), NS));
        return file;
    }

    static KubernetesClient client(Path kubeconfig) throws IOException {
        Config base = Config.fromKubeconfig(Files.readString(kubeconfig));
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(base).withUserAgent(UA)
                .withMaxConcurrentRequests(64).withMaxConcurrentRequestsPerHost(64).build()).build();
    }

    static Process startOperator(Path jar, Path kubeconfig) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java"));
        String opts = System.getenv().getOrDefault("BENCH_JAVA_OPTS", "");
        if (!opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-Dquarkus.http.port=18080", "-Dspin-operator.leader-election.enabled=false", "-jar", jar.toString()));
        Path log = Path.of("out/operator.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        System.out.println("operator: " + String.join(" ", cmd) + " (log: bench/out/operator.log)");
        return pb.start();
    }

    static void waitReady(Process operator, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!operator.isAlive()) {
                throw new IllegalStateException("the operator exited with " + operator.exitValue() + "; see bench/out/operator.log");
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:18080/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the operator was not ready within " + timeout);
    }

    static void ensureNamespace(KubernetesClient client) {
        if (client.namespaces().withName(NS).get() == null) {
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName(NS).endMetadata().build()).create();
        }
    }

    static void createApps(KubernetesClient client, int from, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            SpinApp app = Apps.small("app-" + i, NS);
            app.getMetadata().setUid(null);
            done.add(pool.submit(() -> client.resource(app).create()));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    static void waitConverged(KubernetesClient client, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            int deployments = client.apps().deployments().inNamespace(NS).list().getItems().size();
            int services = client.services().inNamespace(NS).list().getItems().size();
            long withStatus = client.resources(SpinApp.class).inNamespace(NS).list().getItems().stream()
                    .filter(a -> a.getStatus() != null && a.getStatus().observedGeneration != null).count();
            int progress = (int) Math.min(Math.min(deployments, services), withStatus);
            if (progress >= expected) {
                return;
            }
            if (progress / 100 != last / 100) {
                System.out.println("   " + progress + "/" + expected + " converged");
                last = progress;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not converged within " + timeout);
    }

    static long rss(Process p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
