package dev.spinkube.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/** The fabric8 mock API server in CRUD mode (BENCH_API=mock), counting every write it answers. */
final class MockApiServer {
    private static final AtomicLong WRITES = new AtomicLong();
    /** Held so that JUL keeps its level: it only holds loggers weakly. The mock logs every request at INFO. */
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private MockApiServer() {
    }

    static KubernetesMockServer start() {
        LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        Dispatcher counting = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (Set.of("POST", "PUT", "PATCH", "DELETE").contains(request.getMethod())) {
                    WRITES.incrementAndGet();
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
        return WRITES.get();
    }

    static Path kubeconfig(KubernetesMockServer mock, String namespace) throws IOException {
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
                """.formatted(mock.getPort(), namespace));
        return file;
    }
}
