package dev.spinkube.operator.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * The packaged operator started as a user starts it, in a controlled environment (HOME an empty directory, no
 * KUBECONFIG, no in-cluster variables): each way it cannot run says so in one line and exits, fast, instead of
 * retrying for ~20 s and printing hundreds of lines of stack trace.
 */
class StartupIT {
    static final VersionInfo KUBERNETES_1_31 = new VersionInfo.Builder().withMajor("1").withMinor("31")
            .withGitVersion("v1.31.14").build();
    /**
     * It used to fail after ~20 s of client retries plus the boot; now a boot (3 s idle, up to ~10 s on a loaded
     * 2-core machine) and at most one connection attempt.
     */
    static final int FAST_SECONDS = 20;

    @TempDir
    Path home;

    record Run(int code, String out, String err) {
    }

    Run operator(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-jar", "target/quarkus-app/quarkus-run.jar"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("operator", ".out");
        Path err = Files.createTempFile("operator", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("KUBE") || k.startsWith("QUARKUS_") || k.startsWith("SPIN_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(FAST_SECONDS, TimeUnit.SECONDS), "still running after " + FAST_SECONDS + " s:\n"
                    + Files.readString(out) + Files.readString(err));
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }

    static KubernetesMockServer apiServer(VersionInfo version) {
        var expectations = new HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        KubernetesMockServer api = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false, version);
        api.init();
        return api;
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void helpPrintsTheUsageAtOnceWithoutACluster() throws Exception {
        for (String flag : List.of("--help", "-h")) {
            Run run = operator(Map.of(), flag);

            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().startsWith("Spin Operator for Quarkus"), run.out());
            assertTrue(run.out().contains("render [-n NAMESPACE] [--with-ca-bundle] FILE|DIR|-..."), run.out());
            assertTrue(run.out().contains("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), run.out());
            assertTrue(run.out().contains("Kubernetes 1.29 or newer"), run.out());
            assertEquals("", run.err());
        }
    }

    @Test
    void withoutKubeconfigOrServiceAccountItSaysSoInOneLine() throws Exception {
        Run run = operator(Map.of());

        assertEquals("no kubeconfig found (KUBECONFIG, ~/.kube/config: no file " + home.resolve(".kube/config")
                + ") and not running in a cluster (no KUBERNETES_SERVICE_HOST): set KUBECONFIG to a cluster's kubeconfig,"
                + " or run the operator in a pod; --help says more\n", run.err());
        assertEquals(1, run.code());
        assertFalse(run.out().contains("\tat "), run.out());
    }

    @Test
    void aKubeconfigThatDoesNotExistIsNamed() throws Exception {
        Path missing = home.resolve("nowhere/config");

        Run run = operator(Map.of("KUBECONFIG", missing.toString()));

        assertEquals("no kubeconfig found (KUBECONFIG, ~/.kube/config: no file " + missing + ") and not running in a"
                + " cluster (no KUBERNETES_SERVICE_HOST): set KUBECONFIG to a cluster's kubeconfig, or run the operator"
                + " in a pod; --help says more\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void aKubeconfigThatIsNotYamlIsNamedWithThePosition() throws Exception {
        Path kubeconfig = home.resolve("kubeconfig");
        Files.writeString(kubeconfig, "clusters: [{name: a\n");

        Run run = operator(Map.of("KUBECONFIG", kubeconfig.toString()));

        assertEquals("cannot read the kubeconfig (" + kubeconfig + "): line 2, column 1: expected ',' or '}', but got"
                + " <stream end>\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void anUnreachableApiServerIsNamedInOneLine() throws Exception {
        int port = closedPort();
        Path kubeconfig = home.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: gone, cluster: {server: "https://127.0.0.1:%d"}}]
                contexts: [{name: gone, context: {cluster: gone, user: me}}]
                current-context: gone
                users: [{name: me, user: {token: t}}]
                """.formatted(port));

        Run run = operator(Map.of("KUBECONFIG", kubeconfig.toString()));

        assertEquals("cannot reach the Kubernetes API server at https://127.0.0.1:" + port + "/: Connection refused;"
                + " check the kubeconfig's current context and that the cluster is up\n",
                run.err());
        assertEquals(1, run.code());
    }

    /**
     * The fabric8 mock API server, because a real API server reports its real version (the one used for tests
     * here is 1.31); the mock answers /version with whatever it is given.
     */
    @Test
    void anOlderKubernetesIsRefusedNamingBothVersions() throws Exception {
        KubernetesMockServer api = apiServer(new VersionInfo.Builder().withMajor("1").withMinor("28+").build());
        try {
            Run run = operator(Map.of("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", "http://localhost:" + api.getPort()));

            assertEquals("Kubernetes 1.28+ found at http://localhost:" + api.getPort() + "/; the Spin operator needs 1.29"
                    + " or newer (native sidecars, CEL quantity library)\n", run.err());
            assertEquals(1, run.code());
        } finally {
            api.destroy();
        }
    }

    /** A supported cluster: the operator starts, with no deprecation warning first, and JSON logs when asked. */
    @Test
    void aSupportedClusterStartsWithJsonLogsOnRequestAndNoDeprecationWarning() throws Exception {
        KubernetesMockServer api = apiServer(KUBERNETES_1_31);
        Path out = Files.createTempFile("operator", ".out");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("KUBE") || k.startsWith("QUARKUS_") || k.startsWith("SPIN_"));
        pb.environment().putAll(Map.of("HOME", home.toString(), "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true",
                "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", "http://localhost:" + api.getPort(),
                "SPIN_OPERATOR_LEADER_ELECTION_ENABLED", "false"));
        Process operator = pb.start();
        try {
            await("started").atMost(Duration.ofSeconds(60)).until(() -> Files.readString(out).contains("started in"));
            List<String> lines = Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList();
            assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"timestamp\"")), String.join("\n", lines));
            assertTrue(lines.stream().noneMatch(l -> l.contains("deprecated")), String.join("\n", lines));
        } finally {
            operator.destroyForcibly();
            api.destroy();
        }
    }
}
