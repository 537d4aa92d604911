package dev.spinkube.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The real Kubernetes control plane the tests run against, started once per test JVM on free loopback ports and
 * stopped when the JVM exits: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (one fake
 * node that gives pods a lifecycle), built from Go modules by {@code .ci/k8s/} (the first start on a fresh machine
 * builds them, which takes minutes; later starts reuse the cache). It has server-side apply, schema defaulting and
 * pruning, CEL, RBAC, admission webhooks, garbage collection, namespace deletion, and Deployments whose pods become
 * ready, so availability and rollouts are the Deployment controller's own. No container runs.
 * <p>
 * Where it comes from, first match wins: {@code SPIN_TEST_KUBECONFIG} (a disposable cluster you already run: the
 * tests create namespaces, CRDs and cluster roles in it), {@code K8S_KIT} or {@code -Dk8s.kit} (a folder with
 * {@code start.sh}/{@code stop.sh} of the same interface), the project's {@code .ci/k8s}. {@code K8S_VERSION}
 * ({@code newest}, {@code oldest} or a pinned {@code vX.Y.Z}) chooses the Kubernetes version.
 */
public final class KubeApiServer implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 3600; // the first start on a fresh machine builds Kubernetes
    private static final String SHARED = "spin.test.kubeconfig";
    private static KubeApiServer instance;

    private final Path kubeconfig;
    private final Path dir;
    private final Config admin;
    private final KubernetesClient adminClient;

    private KubeApiServer(Path kubeconfig, Path dir) {
        this.kubeconfig = kubeconfig;
        this.dir = dir;
        try {
            this.admin = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig, e);
        }
        this.admin.setRequestTimeout(30_000);
        this.adminClient = new KubernetesClientBuilder().withConfig(admin)
                .withKubernetesSerialization(ModelKinds.serialization()).build();
    }

    /**
     * The API server of this test run, started on first use. Quarkus tests load this class in a class loader of their
     * own, so the one server of the JVM is found through a system property, not through a static field alone.
     */
    public static synchronized KubeApiServer get() {
        if (instance == null) {
            String existing = System.getenv("SPIN_TEST_KUBECONFIG");
            String started = System.getProperty(SHARED);
            if (existing != null && !existing.isBlank()) {
                instance = new KubeApiServer(Path.of(existing), null);
            } else if (started != null) {
                instance = new KubeApiServer(Path.of(started), null);
            } else {
                instance = start("k8s");
                System.setProperty(SHARED, instance.kubeconfig.toString());
            }
        }
        return instance;
    }

    /**
     * An API server of its own, empty, for a test that installs the operator as a user would (kubectl, helm) and
     * must not meet the shared one's objects. Stop it with {@link #close()}.
     */
    public static KubeApiServer startSeparate(String name) {
        return start("k8s-" + name);
    }

    /** Stops a separate API server (the shared one stops when the JVM exits). */
    @Override
    public void close() {
        adminClient.close();
        if (dir != null) {
            run(List.of("bash", kit().resolve("stop.sh").toString(), dir.toString()), List.of(), 60);
        }
    }

    /** A kubeconfig file with cluster-admin rights ({@code system:masters}). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The API server's URL, e.g. {@code https://127.0.0.1:41234}. */
    public String url() {
        return admin.getMasterUrl().replaceAll("/$", "");
    }

    /** The API server's CA certificate, base64-encoded PEM (as kubeconfig's certificate-authority-data). */
    public String caCertData() {
        return admin.getCaCertData();
    }

    public Config adminConfig() {
        return admin;
    }

    /** A client with cluster-admin rights: what the tests use to act as users and to look at the cluster. */
    public KubernetesClient admin() {
        return adminClient;
    }

    private static KubeApiServer start(String dirName) {
        Path kit = kit();
        Path dir = Path.of("target", dirName).toAbsolutePath();
        List<String> ports = List.of(String.valueOf(freePort()), String.valueOf(freePort()), String.valueOf(freePort()));
        run(List.of("bash", kit.resolve("stop.sh").toString(), dir.toString()), List.of(), 60); // a crashed run's leftovers
        System.out.printf("[k8s] starting Kubernetes %s from %s on 127.0.0.1:%s (data and logs in %s)%n",
                Objects.requireNonNullElse(System.getenv("K8S_VERSION"), "newest"), kit, ports.get(0), dir);
        long t0 = System.nanoTime();
        List<String> out = run(List.of("bash", kit.resolve("start.sh").toString(), dir.toString()),
                List.of("K8S_API_PORT=" + ports.get(0), "K8S_ETCD_PORT=" + ports.get(1), "K8S_ETCD_PEER_PORT=" + ports.get(2)),
                START_TIMEOUT_SECONDS);
        Path kubeconfig = Path.of(out.get(out.size() - 1).trim());
        System.out.printf("[k8s] ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> run(List.of("bash", kit.resolve("stop.sh").toString(), dir.toString()), List.of(), 60), "k8s-stop"));
        return new KubeApiServer(kubeconfig, dir);
    }

    private static Path kit() {
        List<Path> candidates = new ArrayList<>();
        Stream.of(System.getenv("K8S_KIT"), System.getProperty("k8s.kit")).filter(s -> s != null && !s.isBlank())
                .map(Path::of).forEach(candidates::add);
        candidates.add(Path.of(".ci", "k8s").toAbsolutePath());
        candidates.add(Path.of("..", ".ci", "k8s").toAbsolutePath().normalize()); // from bench/
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("start.sh"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Kubernetes control plane for the tests: looked for "
                        + "start.sh in " + candidates + ". Run the tests from the project's folder, set K8S_KIT to a "
                        + "folder with start.sh and stop.sh, or SPIN_TEST_KUBECONFIG to the "
                        + "kubeconfig of a disposable cluster (Kubernetes 1.29 or later)"));
    }

    /** Runs a kit script; its stderr (progress) goes to ours, its stdout is returned. */
    private static List<String> run(List<String> command, List<String> env, long timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            env.forEach(e -> pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
            Process p = pb.start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (exit " + p.exitValue() + "); its messages are above");
            }
            return stdout.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
