package dev.spinkube.operator.ops;

import java.io.File;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Before anything talks to the API server (webhook certificates, leader election, informers): is a cluster
 * configured, does it answer, is it new enough? If not, the start stops with one line on stderr and exit code 1,
 * instead of ~20 s of client retries and a trace of hundreds of lines. Kubernetes 1.29 is the minimum: the
 * operator runs sidecars as native sidecars (init containers with restartPolicy Always) and the CRDs' CEL rules
 * use the quantity library.
 */
@ApplicationScoped
public class ClusterCheck {
    public static final int MINIMUM_MAJOR = 1;
    public static final int MINIMUM_MINOR = 29;
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");

    /** Built on first use: here, so that a kubeconfig fabric8 cannot parse is reported like the rest. */
    @Inject
    Instance<Config> config;

    void beforeTheOperatorStarts(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        Config config;
        try {
            config = this.config.get();
        } catch (RuntimeException e) {
            throw new ConfigurationException("cannot read the kubeconfig (" + String.join(", ",
                    Config.getKubeconfigFilenames()) + "): " + unreadable(e));
        }
        Optional<String> problem = noCluster(config).or(() -> unreachableOrTooOld(config));
        if (problem.isPresent()) {
            // Quarkus prints the message of a ConfigurationException alone on stderr (no trace) and exits with 1
            throw new ConfigurationException(problem.get());
        }
    }

    /**
     * fabric8 falls back to https://kubernetes.default.svc when it found neither a kubeconfig nor a pod's
     * environment.
     */
    static Optional<String> noCluster(Config config) {
        if (!config.getMasterUrl().startsWith(Config.DEFAULT_MASTER_URL)
                || System.getenv(Config.KUBERNETES_SERVICE_HOST_PROPERTY) != null) {
            return Optional.empty();
        }
        String lookedAt = String.join(", ", Config.getKubeconfigFilenames().stream()
                .map(f -> new File(f).exists() ? f + " has no current context" : "no file " + f).toList());
        return Optional.of("no kubeconfig found (KUBECONFIG, ~/.kube/config: " + lookedAt + ") and not running in a"
                + " cluster (no KUBERNETES_SERVICE_HOST): set KUBECONFIG to a cluster's kubeconfig, or run the operator"
                + " in a pod; --help says more");
    }

    /** GET /version, which every client may read, without the client's retries: one attempt says enough. */
    static Optional<String> unreachableOrTooOld(Config config) {
        Config once = new ConfigBuilder(config).withRequestRetryBackoffLimit(0).withConnectionTimeout(5_000)
                .withRequestTimeout(10_000).build();
        VersionInfo version;
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(once).build()) {
            version = client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            return Optional.of("cannot reach the Kubernetes API server at " + config.getMasterUrl() + ": " + reason(e)
                    + "; check the kubeconfig's current context and that the cluster is up");
        }
        int major = leadingNumber(version.getMajor());
        int minor = leadingNumber(version.getMinor());
        if (major < MINIMUM_MAJOR || major == MINIMUM_MAJOR && minor < MINIMUM_MINOR) {
            return Optional.of("Kubernetes " + version.getMajor() + "." + version.getMinor() + " found at "
                    + config.getMasterUrl() + "; the Spin operator needs " + MINIMUM_MAJOR + "." + MINIMUM_MINOR
                    + " or newer (native sidecars, CEL quantity library)");
        }
        return Optional.empty();
    }

    private static String reason(KubernetesClientException e) {
        if (e.getCode() > 0) {
            return "HTTP " + e.getCode() + " on GET /version";
        }
        Throwable root = root(e);
        return root instanceof java.net.UnknownHostException ? "unknown host " + root.getMessage()
                : root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** fabric8 parses kubeconfigs with snakeyaml-engine, whose messages span several lines. */
    private static String unreadable(RuntimeException e) {
        Throwable root = root(e);
        if (root instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
            return "line " + (yaml.getProblemMark().get().getLine() + 1) + ", column "
                    + (yaml.getProblemMark().get().getColumn() + 1) + ": " + yaml.getProblem();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse(root.getClass().getSimpleName());
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /** "29+" (GKE, EKS) is 29; no number at all is 0. */
    private static int leadingNumber(String s) {
        Matcher m = LEADING_NUMBER.matcher(s == null ? "" : s);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
