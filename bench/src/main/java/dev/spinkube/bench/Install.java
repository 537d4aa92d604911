package dev.spinkube.bench;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Installs what the operator needs on KUBECONFIG's API server as {@code deploy/} does (server-side apply of the CRDs,
 * the namespace and the RBAC), and writes a kubeconfig for the operator with a token of its ServiceAccount, as it
 * authenticates in a cluster.
 * <p>
 * usage: Install OPERATOR_KUBECONFIG MANIFEST...
 */
public final class Install {
    static final String NAMESPACE = "spin-operator";
    static final String SERVICE_ACCOUNT = "spin-operator";

    public static void main(String[] args) throws Exception {
        Config admin = Config.fromKubeconfig(Files.readString(Path.of(System.getenv("KUBECONFIG"))));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(admin).build()) {
            for (int i = 1; i < args.length; i++) {
                try (InputStream in = new FileInputStream(args[i])) {
                    for (HasMetadata o : client.load(in).items()) {
                        client.resource(o).fieldManager("spin-operator-bench").forceConflicts().serverSideApply();
                        if (o instanceof CustomResourceDefinition crd) {
                            client.resources(CustomResourceDefinition.class).withName(crd.getMetadata().getName())
                                    .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                                            && c.getStatus().getConditions().stream().anyMatch(
                                                    s -> "Established".equals(s.getType()) && "True".equals(s.getStatus())),
                                            30, TimeUnit.SECONDS);
                        }
                    }
                }
                System.out.println("applied " + args[i]);
            }
            String token = client.serviceAccounts().inNamespace(NAMESPACE).withName(SERVICE_ACCOUNT)
                    .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(24 * 3600L).endSpec().build())
                    .getStatus().getToken();
            Files.writeString(Path.of(args[0]), """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: bench
                      cluster: {server: "%s", certificate-authority-data: "%s"}
                    contexts:
                    - name: operator
                      context: {cluster: bench, user: operator, namespace: %s}
                    current-context: operator
                    users:
                    - name: operator
                      user: {token: "%s"}
                    """.formatted(admin.getMasterUrl(), caData(admin), NAMESPACE, token));
            System.out.println("operator kubeconfig: ServiceAccount " + NAMESPACE + "/" + SERVICE_ACCOUNT + " token");
        }
    }

    private static String caData(Config admin) throws Exception {
        if (admin.getCaCertData() != null) {
            return admin.getCaCertData();
        }
        return java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(admin.getCaCertFile())));
    }
}
