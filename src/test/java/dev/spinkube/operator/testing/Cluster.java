package dev.spinkube.operator.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * What tests do on the real API server, in one place: act as a user (cluster-admin), in a namespace of their
 * own, with fixtures from YAML, edits that retry on conflict as kubectl does, and waits with one timeout.
 */
public final class Cluster {
    /** How long a test waits for the operator to converge. Generous: CI machines are small and shared. */
    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private Cluster() {
    }

    public static KubernetesClient admin() {
        return KubeApiServer.get().admin();
    }

    /**
     * A new, empty namespace for one test. Namespaces are never reused, so tests cannot see each other's objects;
     * they are kept after the test, to be looked at when it failed.
     */
    public static String newNamespace(String prefix) {
        String name = prefix + "-" + ProcessHandle.current().pid() % 10_000 + "-" + NAMESPACES.incrementAndGet();
        admin().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** The objects of a YAML fixture under src/test/resources/fixtures, placed in {@code namespace}. */
    public static List<HasMetadata> fixture(String name, String namespace) {
        try (InputStream in = Cluster.class.getClassLoader().getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture src/test/resources/fixtures/" + name);
            }
            List<HasMetadata> objects = admin().load(in).items();
            objects.forEach(o -> o.getMetadata().setNamespace(namespace));
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One object of a fixture, typed. */
    public static <T extends HasMetadata> T fixture(String name, String namespace, Class<T> type) {
        List<HasMetadata> objects = fixture(name, namespace);
        if (objects.size() != 1) {
            throw new IllegalArgumentException("fixture " + name + " holds " + objects.size() + " objects");
        }
        return Serialization.unmarshal(Serialization.asJson(objects.get(0)), type);
    }

    public static <T extends HasMetadata> T create(T object) {
        return admin().resource(object).create();
    }

    public static <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        return admin().resources(type).inNamespace(namespace).withName(name).get();
    }

    /**
     * A user's edit: read, change, update, and on 409 Conflict (the operator wrote status or a finalizer in
     * between) read again and retry, as client-go's RetryOnConflict does.
     */
    public static <T extends HasMetadata> T edit(Class<T> type, String namespace, String name, Consumer<T> change) {
        for (int attempt = 1;; attempt++) {
            T current = get(type, namespace, name);
            change.accept(current);
            try {
                return admin().resource(current).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** A condition of a SpinApp's status, if the operator wrote it. */
    public static Optional<Condition> condition(String namespace, String app, String type) {
        return Optional.ofNullable(get(SpinApp.class, namespace, app)).map(SpinApp::getStatus)
                .flatMap(status -> status.condition(type));
    }

    /** Waits until the operator reports the app's Ready condition with this reason, and returns it. */
    public static Condition awaitReady(String namespace, String app, String reason) {
        return await(namespace + "/" + app + " Ready reason " + reason).atMost(WAIT)
                .until(() -> condition(namespace, app, SpinAppStatus.READY).orElse(null),
                        c -> c != null && reason.equals(c.getReason()));
    }

    public static Deployment deployment(String namespace, String name) {
        return get(Deployment.class, namespace, name);
    }

    public static Deployment awaitDeployment(String namespace, String name) {
        return await("Deployment " + namespace + "/" + name).atMost(WAIT).until(() -> deployment(namespace, name),
                d -> d != null);
    }

    /** The Events of a namespace about one object. */
    public static List<Event> events(String namespace, String involvedObject) {
        return admin().v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> involvedObject.equals(e.getInvolvedObject().getName())).toList();
    }

    public static boolean hasEvent(String namespace, String involvedObject, String type, String reason) {
        return events(namespace, involvedObject).stream()
                .anyMatch(e -> type.equals(e.getType()) && reason.equals(e.getReason()));
    }
}
