package dev.spinkube.operator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * What an install puts in place before the operator starts, taken from the repository's own files: the CRDs the
 * build generated ({@code target/kubernetes}) and {@code deploy/}'s namespace, ServiceAccount and RBAC.
 */
public final class OperatorInstall {
    public static final String NAMESPACE = "spin-operator";
    public static final String SERVICE_ACCOUNT = "spin-operator";
    public static final List<String> CRDS = List.of("spinapps.core.spinkube.dev", "spinappexecutors.core.spinkube.dev");
    private static boolean installed;

    private OperatorInstall() {
    }

    /** The CRDs, namespace, ServiceAccount and RBAC, applied once per test run (server-side apply). */
    public static synchronized void prerequisites(KubernetesClient admin) {
        if (installed) {
            return;
        }
        for (String crd : CRDS) {
            apply(admin, Path.of("target", "kubernetes", crd + "-v1.yml"));
        }
        apply(admin, Path.of("deploy", "00-namespace.yaml"));
        apply(admin, Path.of("deploy", "02-rbac.yaml"));
        for (String crd : CRDS) {
            admin.resources(CustomResourceDefinition.class).withName(crd).waitUntilCondition(c -> c != null
                    && c.getStatus() != null && c.getStatus().getConditions().stream()
                            .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                    30, TimeUnit.SECONDS);
        }
        installed = true;
    }

    /** A token of the operator's ServiceAccount, as the kubelet would mount it into the operator's pod. */
    public static String serviceAccountToken(KubernetesClient admin) {
        return admin.serviceAccounts().inNamespace(NAMESPACE).withName(SERVICE_ACCOUNT)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(6 * 3600L).endSpec().build())
                .getStatus().getToken();
    }

    /**
     * A kubeconfig file for the operator's ServiceAccount on the test API server, for a packaged operator started as
     * a process (as a user would point it at a cluster with KUBECONFIG).
     */
    public static Path kubeconfig(KubeApiServer api) {
        prerequisites(api.admin());
        return kubeconfig(api, "operator");
    }

    /**
     * A kubeconfig file {@code target/k8s/NAME.kubeconfig} for the operator's ServiceAccount on {@code api}, where
     * the ServiceAccount and its RBAC are already installed (e.g. by {@code kubectl apply -f deploy/}).
     */
    public static Path kubeconfig(KubeApiServer api, String name) {
        Path file = Path.of("target", "k8s", name + ".kubeconfig").toAbsolutePath();
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster: {server: "%s", certificate-authority-data: "%s"}
                users:
                - name: spin-operator
                  user: {token: "%s"}
                contexts:
                - name: spin-operator
                  context: {cluster: test, user: spin-operator, namespace: %s}
                current-context: spin-operator
                """.formatted(api.url(), api.caCertData(), serviceAccountToken(api.admin()), NAMESPACE);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Where the stored CRD lacks or changes what the file says (the API server may add defaults of its own): a field
     * it drops or rewrites makes the stored CRD differ from the file forever, and server-side apply of the file then
     * conflicts with whoever created the CRD.
     */
    public static List<String> notStoredAsWritten(KubernetesClient admin, Path crdFile) {
        try {
            JsonNode written = new ObjectMapper(new YAMLFactory()).readTree(crdFile.toFile());
            CustomResourceDefinition stored = admin.resources(CustomResourceDefinition.class)
                    .withName(written.path("metadata").path("name").asText()).get();
            List<String> differences = new ArrayList<>();
            compare("spec", written.path("spec"), Serialization.jsonMapper().valueToTree(stored.getSpec()), differences);
            return differences;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compare(String path, JsonNode written, JsonNode stored, List<String> differences) {
        if (written.isObject() && stored.isObject()) {
            written.fields().forEachRemaining(f -> compare(path + "." + f.getKey(), f.getValue(),
                    stored.path(f.getKey()), differences));
        } else if (written.isArray() && stored.isArray() && written.size() == stored.size()) {
            for (int i = 0; i < written.size(); i++) {
                compare(path + "[" + i + "]", written.get(i), stored.get(i), differences);
            }
        } else if (!written.equals(stored) && !(written.isNumber() && written.asText().equals(stored.asText()))) {
            differences.add(path + ": written " + written + ", stored " + (stored.isMissingNode() ? "nothing" : stored));
        }
    }

    static void apply(KubernetesClient admin, Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing" + (file.startsWith("target")
                    ? ": the build writes it (run the tests with ./mvnw verify, which builds first)" : ""));
        }
        try (InputStream in = Files.newInputStream(file)) {
            List<HasMetadata> objects = admin.load(in).items();
            for (HasMetadata o : objects) {
                admin.resource(o).fieldManager("spin-operator-tests").forceConflicts().serverSideApply();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
