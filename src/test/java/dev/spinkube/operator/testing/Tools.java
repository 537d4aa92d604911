package dev.spinkube.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl and helm clients, run as a user types them against a test API server. {@code .ci/tools.sh}
 * builds them from their Go modules on first use (helm v3, and kubectl of the newest pinned Kubernetes).
 */
public final class Tools {
    private static Path bin;

    private Tools() {
    }

    /** What a command printed (stdout and stderr together) and its exit code. */
    public record Result(int exit, String output) {
        public Result ok() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + ":\n" + output);
            }
            return this;
        }
    }

    public static Result kubectl(KubeApiServer api, String... args) {
        return run(api, tool("kubectl/kubectl"), args);
    }

    public static Result helm(KubeApiServer api, String... args) {
        return run(api, tool("helm/helm"), args);
    }

    /** A repository script run with bash, {@code HELM} naming this helm ({@code deploy/generate.sh} reads it). */
    public static Result script(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        return exec(command, Map.of("HELM", tool("helm/helm").toString()));
    }

    /**
     * What a user runs between installing the CRDs and applying SpinApps: until the API server serves the new kinds,
     * kubectl answers "no matches for kind SpinApp" (seen on a busy machine right after {@code kubectl apply -f
     * deploy/}).
     */
    public static void awaitCrds(KubeApiServer api) {
        kubectl(api, "wait", "--for", "condition=established", "--timeout=60s",
                "crd/spinapps.core.spinkube.dev", "crd/spinappexecutors.core.spinkube.dev").ok();
    }

    private static synchronized Path tool(String name) {
        if (bin == null) {
            Result installed = exec(List.of("bash", ".ci/tools.sh"), Map.of());
            if (installed.exit() != 0) {
                throw new IllegalStateException("cannot install kubectl and helm (.ci/tools.sh builds them with go):\n"
                        + installed.output());
            }
            bin = Path.of(installed.output().lines().reduce((a, b) -> b).orElseThrow().trim());
        }
        return bin.resolve(name);
    }

    private static Result run(KubeApiServer api, Path tool, String... args) {
        List<String> command = new ArrayList<>(List.of(tool.toString()));
        command.addAll(List.of(args));
        Path kubeconfig = api.kubeconfig();
        // the parent as HOME: helm's and kubectl's caches
        return exec(command, Map.of("KUBECONFIG", kubeconfig.toString(), "HOME", kubeconfig.getParent().toString()));
    }

    private static Result exec(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(environment);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within 300 s:\n" + output);
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
