package dev.spinkube.operator.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator as users run it: the packaged build started as a process, configured only by its environment and
 * command line. {@code -Doperator.binary=PATH} runs a native executable instead of {@code java -jar
 * target/quarkus-app/quarkus-run.jar} (the native integration tests).
 */
public final class PackagedOperator implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int httpPort;

    private PackagedOperator(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** The command that runs the packaged operator, before its own arguments. */
    public static List<String> command() {
        String binary = System.getProperty("operator.binary", "");
        if (!binary.isBlank()) {
            return List.of(Path.of(binary).toAbsolutePath().toString());
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                "target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Starts the operator with exactly this environment (nothing inherited but PATH), HOME in an empty folder so no
     * developer kubeconfig is found, and its HTTP port on a free port.
     */
    public static PackagedOperator start(Map<String, String> env, String... args) {
        try {
            int http = freePort();
            Path home = Files.createTempDirectory("operator-home");
            Path log = Files.createTempFile("operator", ".log");
            List<String> command = new ArrayList<>(command());
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().retainAll(List.of("PATH"));
            pb.environment().put("HOME", home.toString());
            pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(http));
            pb.environment().putAll(env);
            return new PackagedOperator(pb.start(), log, http);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command(), e);
        }
    }

    /** Everything the operator printed so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET on the operator's HTTP port (health, metrics); status code and body. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until /q/health/ready answers 200 and its body satisfies {@code condition}. */
    public void awaitReady(String what, java.util.function.Predicate<String> condition) {
        await(what).atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the operator exited with " + process.exitValue() + ":\n" + output());
            }
            HttpResponse<String> r = get("/q/health/ready");
            return r.statusCode() == 200 && condition.test(r.body().replaceAll("\\s", ""));
        });
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, as the kubelet stops a pod; the exit code, or an error when it does not stop in time. */
    public int terminate(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running " + within.toSeconds() + " s after SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
