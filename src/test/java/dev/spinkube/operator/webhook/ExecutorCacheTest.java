package dev.spinkube.operator.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.Fixture;
import dev.spinkube.operator.testing.KubeApiServer;
import dev.spinkube.operator.testing.OperatorInstall;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.api.reconciler.Constants;

/**
 * The webhooks' executors on the real API server, with every request the cache makes counted: admission requests
 * are answered from the cache, and only an executor it does not have yet is read from the API server.
 */
class ExecutorCacheTest {
    static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void install() {
        OperatorInstall.prerequisites(Cluster.admin());
    }

    static KubernetesClient counted() {
        return new KubernetesClientBuilder().withConfig(KubeApiServer.get().adminConfig())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        REQUESTS.add(request.method() + " " + request.uri().getPath());
                    }
                })).build();
    }

    @Test
    void lookupsAreAnsweredFromTheCache() {
        String ns = Cluster.newNamespace("executors");
        Cluster.create(Fixture.executor(ns, "shim"));
        try (KubernetesClient client = counted();
                ExecutorCache cache = new ExecutorCache(client, Constants.WATCH_ALL_NAMESPACE_SET)) {
            await().atMost(Cluster.WAIT).until(() -> cache.named(ns, "shim").isPresent());
            REQUESTS.clear();

            for (int i = 0; i < 100; i++) {
                assertEquals("shim", cache.named(ns, "shim").orElseThrow().getMetadata().getName());
                assertEquals(1, cache.inNamespace(ns).size());
            }

            assertEquals(List.of(), REQUESTS, "API requests for 200 lookups");
        }
    }

    @Test
    void anExecutorTheCacheLacksIsReadFromTheApiServer() {
        String ns = Cluster.newNamespace("executors");
        try (KubernetesClient client = counted();
                ExecutorCache cache = new ExecutorCache(client, Constants.WATCH_ALL_NAMESPACE_SET)) {
            REQUESTS.clear();

            assertFalse(cache.named(ns, "missing").isPresent());

            assertEquals(List.of("GET /apis/core.spinkube.dev/v1alpha1/namespaces/" + ns + "/spinappexecutors/missing"),
                    REQUESTS);
        }
    }

    @Test
    void namespacesTheOperatorDoesNotWatchAreNotLookedInto() {
        String watched = Cluster.newNamespace("executors");
        try (KubernetesClient client = counted(); ExecutorCache cache = new ExecutorCache(client, Set.of(watched))) {
            assertTrue(cache.watches(watched));
            assertFalse(cache.watches("elsewhere"));
        }
    }
}
