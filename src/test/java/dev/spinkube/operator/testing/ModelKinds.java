package dev.spinkube.operator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Every kind of the model, for tests that read any manifest. The operator is packaged without the model jars' lists
 * of kinds (application.properties), Quarkus tests hide them from the application's class loader, and fabric8 reads
 * them once per JVM, so a client's registry depends on which test came first; the JVM's class path still has them.
 */
public final class ModelKinds {
    private static final String LISTS = "META-INF/services/" + KubernetesResource.class.getName();

    private ModelKinds() {
    }

    /** fabric8's serialization as it comes, with every kind of the model registered. */
    public static KubernetesSerialization serialization() {
        KubernetesSerialization serialization = new KubernetesSerialization();
        try {
            for (URL list : Collections.list(ClassLoader.getSystemClassLoader().getResources(LISTS))) {
                try (InputStream in = list.openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\n")) {
                        String name = line.strip();
                        if (!name.isEmpty() && !name.startsWith("#")) {
                            serialization.registerKubernetesResource(Class
                                    .forName(name, false, ModelKinds.class.getClassLoader())
                                    .asSubclass(KubernetesResource.class));
                        }
                    }
                }
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read the model's kinds from the class path", e);
        }
        return serialization;
    }
}
