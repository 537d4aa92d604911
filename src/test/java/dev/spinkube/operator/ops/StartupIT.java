package dev.spinkube.operator.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.spinkube.operator.testing.KubeApiServer;
import dev.spinkube.operator.testing.OperatorInstall;
import dev.spinkube.operator.testing.PackagedOperator;

/**
 * The packaged operator started as a user starts it, in a controlled environment (HOME an empty folder, nothing
 * but PATH inherited): each way it cannot run says so in one line (its whole output) and exits with 1, fast,
 * instead of retrying for ~20 s and printing hundreds of lines of stack trace.
 */
class StartupIT {
    /**
     * It used to fail after ~20 s of client retries plus the boot; now a boot (3 s idle, up to ~10 s on a loaded
     * 2-core machine) and at most one connection attempt.
     */
    static final Duration FAST = Duration.ofSeconds(20);

    @TempDir
    Path home;

    /** The operator's whole output once it exited by itself within {@link #FAST}, and its exit code. */
    record Run(int code, String output) {
    }

    Run operator(Map<String, String> env, String... args) throws InterruptedException {
        Map<String, String> withHome = new java.util.HashMap<>(env);
        withHome.put("HOME", home.toString());
        try (PackagedOperator operator = PackagedOperator.start(withHome, args)) {
            assertTrue(operator.process().waitFor(FAST.toSeconds(), TimeUnit.SECONDS),
                    "still running after " + FAST.toSeconds() + " s:\n" + operator.output());
            return new Run(operator.process().exitValue(), operator.output());
        }
    }

    /** A kubeconfig whose current context is the API server at {@code server}, with a token. */
    Path kubeconfig(String server) throws IOException {
        Path kubeconfig = home.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s"}}]
                contexts: [{name: c, context: {cluster: c, user: me}}]
                current-context: c
                users: [{name: me, user: {token: t}}]
                """.formatted(server));
        return kubeconfig;
    }

    @Test
    void helpPrintsTheUsageAtOnceWithoutACluster() throws Exception {
        for (String flag : List.of("--help", "-h")) {
            Run run = operator(Map.of(), flag);

            assertEquals(0, run.code(), run.output());
            assertTrue(run.output().startsWith("Spin Operator for Quarkus: runs Spin (WebAssembly) apps on Kubernetes.\n"),
                    run.output());
            assertTrue(run.output().contains("render [-n NAMESPACE] [--with-ca-bundle] FILE|DIR|-..."), run.output());
            assertTrue(run.output().contains("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), run.output());
            assertTrue(run.output().contains("Kubernetes 1.29 or newer"), run.output());
        }
    }

    @Test
    void withoutKubeconfigOrServiceAccountItSaysSoInOneLine() throws Exception {
        Run run = operator(Map.of());

        assertEquals("no kubeconfig found (KUBECONFIG, ~/.kube/config: no file " + home.resolve(".kube/config")
                + ") and not running in a cluster (no KUBERNETES_SERVICE_HOST): set KUBECONFIG to a cluster's kubeconfig,"
                + " or run the operator in a pod; --help says more\n", run.output());
        assertEquals(1, run.code());
    }

    @Test
    void aKubeconfigThatDoesNotExistIsNamed() throws Exception {
        Path missing = home.resolve("nowhere/config");

        Run run = operator(Map.of("KUBECONFIG", missing.toString()));

        assertEquals("no kubeconfig found (KUBECONFIG, ~/.kube/config: no file " + missing + ") and not running in a"
                + " cluster (no KUBERNETES_SERVICE_HOST): set KUBECONFIG to a cluster's kubeconfig, or run the operator"
                + " in a pod; --help says more\n", run.output());
        assertEquals(1, run.code());
    }

    @Test
    void aKubeconfigThatIsNotYamlIsNamedWithThePosition() throws Exception {
        Path kubeconfig = home.resolve("kubeconfig");
        Files.writeString(kubeconfig, "clusters: [{name: a\n");

        Run run = operator(Map.of("KUBECONFIG", kubeconfig.toString()));

        assertEquals("cannot read the kubeconfig (" + kubeconfig + "): line 2, column 1: expected ',' or '}', but got"
                + " <stream end>\n", run.output());
        assertEquals(1, run.code());
    }

    @Test
    void anUnreachableApiServerIsNamedInOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run run = operator(Map.of("KUBECONFIG", kubeconfig("https://127.0.0.1:" + port).toString()));

        assertEquals("cannot reach the Kubernetes API server at https://127.0.0.1:" + port + "/: Connection refused;"
                + " check the kubeconfig's current context and that the cluster is up\n", run.output());
        assertEquals(1, run.code());
    }

    /**
     * A real API server reports its real version (the test kit's is 1.31), so a stand-in answers /version, the only
     * request the operator makes before it stops, as a 1.28 server does.
     */
    @Test
    void anOlderKubernetesIsRefusedNamingBothVersions() throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/version", exchange -> {
            byte[] body = "{\"major\": \"1\", \"minor\": \"28+\", \"gitVersion\": \"v1.28.15\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        try {
            String url = "http://127.0.0.1:" + api.getAddress().getPort();
            Run run = operator(Map.of("KUBECONFIG", kubeconfig(url).toString()));

            assertEquals("Kubernetes 1.28+ found at " + url + "/; the Spin operator needs 1.29 or newer (native sidecars,"
                    + " CEL quantity library)\n", run.output());
            assertEquals(1, run.code());
        } finally {
            api.stop(0);
        }
    }

    /** A supported cluster (the real API server): it starts, with no deprecation warning first, JSON logs on request. */
    @Test
    void aSupportedClusterStartsWithJsonLogsOnRequestAndNoDeprecationWarning() throws Exception {
        OperatorInstall.prerequisites(KubeApiServer.get().admin());
        Map<String, String> env = Map.of("KUBECONFIG", KubeApiServer.get().kubeconfig().toString(),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        try (PackagedOperator operator = PackagedOperator.start(env)) {
            operator.awaitReady("ready", body -> true);

            List<String> lines = operator.output().lines().filter(l -> !l.isBlank()).toList();
            assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"timestamp\"")), operator.output());
            assertTrue(lines.stream().noneMatch(l -> l.contains("deprecated")), operator.output());
        }
    }
}
