package dev.spinkube.bench;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Applies CRD files server-side (as {@code kubectl apply --server-side}) to KUBECONFIG's API server and waits until they serve. */
public final class ApplyCrds {
    public static void main(String[] files) throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(Path.of(System.getenv("KUBECONFIG"))));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            for (String file : files) {
                try (InputStream in = new FileInputStream(file)) {
                    var crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
                    client.resource(crd).fieldManager("spin-operator-bench").forceConflicts().serverSideApply();
                    client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                            .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                                    && c.getStatus().getConditions().stream()
                                    .anyMatch(s -> "Established".equals(s.getType()) && "True".equals(s.getStatus())),
                                    30, java.util.concurrent.TimeUnit.SECONDS);
                    System.out.println("applied " + crd.getMetadata().getName());
                }
            }
        }
    }
}
