package dev.spinkube.operator.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.Fixture;
import dev.spinkube.operator.testing.KubeApiServer;
import dev.spinkube.operator.testing.OperatorInstall;
import dev.spinkube.operator.testing.PackagedOperator;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Two replicas of the packaged operator (leader election on, each with its webhook port) through certificate
 * renewals, with webhook configurations that call both of them on every SpinApp write and fail closed: a replica
 * serving a certificate the API server does not trust would refuse the write; between writes the test also checks
 * what each replica serves against the CAs the configurations hold, as the API server would on a new connection.
 * Serving certificates last 20 s and are renewed 8 s before they end, checked every 2 s, so a renewal, with the new CA
 * it needs, comes within seconds.
 */
class CertificateRotationIT {
    static final String OPERATOR_NAMESPACE = OperatorInstall.NAMESPACE;

    @Test
    void twoReplicasRenewTheCertificateWithoutARefusedAdmission() throws Exception {
        KubeApiServer api = KubeApiServer.get();
        String kubeconfig = OperatorInstall.kubeconfig(api).toString(); // installs the CRDs and RBAC first
        String ns = Cluster.newNamespace("rotation");
        String secret = ns + "-webhook-tls";
        Cluster.create(Fixture.executor(ns, "shim"));
        int[] ports = { freePort(), freePort() };
        var mutating = mutating(ns, ports);
        var validating = validating(ns, ports);
        Cluster.create(mutating);
        Cluster.create(validating);
        List<PackagedOperator> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Map<String, String> env = new HashMap<>(Map.of("KUBECONFIG", kubeconfig,
                        "POD_NAMESPACE", OPERATOR_NAMESPACE, "HOSTNAME", ns + "-" + i,
                        "SPIN_OPERATOR_LEADER_ELECTION_LEASE_NAME", ns,
                        "SPIN_OPERATOR_WEBHOOKS_ENABLED", "true",
                        "SPIN_OPERATOR_WEBHOOKS_PORT", String.valueOf(ports[i]),
                        "SPIN_OPERATOR_WEBHOOKS_NAMESPACE", OPERATOR_NAMESPACE,
                        "SPIN_OPERATOR_WEBHOOKS_EXTRA_NAMES", "127.0.0.1",
                        "SPIN_OPERATOR_WEBHOOKS_SECRET_NAME", secret));
                env.putAll(Map.of("SPIN_OPERATOR_WEBHOOKS_MUTATING_CONFIGURATION", mutating.getMetadata().getName(),
                        "SPIN_OPERATOR_WEBHOOKS_VALIDATING_CONFIGURATION", validating.getMetadata().getName(),
                        "SPIN_OPERATOR_WEBHOOKS_VALIDITY", "PT20S",
                        "SPIN_OPERATOR_WEBHOOKS_RENEW_BEFORE", "PT8S",
                        "SPIN_OPERATOR_WEBHOOKS_CHECK_INTERVAL", "PT2S"));
                // one after the other, as a rollout starts them: their checks do not run in step
                PackagedOperator replica = PackagedOperator.start(env);
                replicas.add(replica);
                replica.awaitReady("replica " + i + " ready", body -> true);
            }
            List<String> refused = new ArrayList<>();
            List<String> untrusted = new ArrayList<>();
            int[] written = { 0 };
            // admission works through both replicas before the clock starts
            await("both replicas admit").atMost(Cluster.WAIT).ignoreExceptions().until(() -> write(ns, written[0]++));
            // two renewals from here: at least one whole rotation (a new CA trusted, then a certificate from it)
            List<String> leaves = new ArrayList<>(List.of(leaf(secret)));
            long start = System.nanoTime();
            await("two renewals, each served by both replicas").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        try {
                            write(ns, written[0]++);
                        } catch (KubernetesClientException e) {
                            refused.add(e.getMessage());
                        }
                        untrusted.addAll(untrustedReplicas(mutating.getMetadata().getName(), ports));
                        String leaf = leaf(secret);
                        if (!leaf.equals(leaves.get(leaves.size() - 1))) {
                            leaves.add(leaf);
                        }
                        return leaves.size() >= 3 && served(ports[0]).equals(leaf) && served(ports[1]).equals(leaf);
                    });
            System.out.printf("[rotation] two renewals served by both replicas in %.1f s; "
                    + "%d SpinApps written through both replicas' webhooks, %d refused%n",
                    (System.nanoTime() - start) / 1e9, written[0], refused.size());
            assertEquals(List.of(), refused, "writes refused during the renewal");
            assertEquals(List.of(), untrusted, "replicas seen serving a certificate the configurations do not trust");
            assertTrue(written[0] > 10, "writes during the renewal: " + written[0]);
            String bundle = data(Cluster.admin().secrets().inNamespace(OPERATOR_NAMESPACE).withName(secret).get(), "ca.crt");
            assertTrue(certificates(bundle).size() >= 2, "the previous CA stays trusted next to the new one: " + bundle);
        } catch (Throwable t) {
            replicas.forEach(r -> System.out.println("[rotation] replica output:\n" + r.output()));
            throw t;
        } finally {
            replicas.forEach(PackagedOperator::close);
            // fail-closed configurations must not outlive the replicas they call
            Cluster.admin().resource(mutating).delete();
            Cluster.admin().resource(validating).delete();
        }
    }

    /** An app without executor: written only if both mutating webhooks (defaulting) and both validating ones agree. */
    static boolean write(String ns, int n) {
        SpinApp app = Fixture.app(ns, "app-" + n, null);
        SpinApp created = Cluster.create(app);
        return created.getSpec().executor().filter("shim"::equals).isPresent();
    }

    static MutatingWebhookConfiguration mutating(String ns, int[] ports) {
        var b = new MutatingWebhookConfigurationBuilder().withNewMetadata().withName(ns + "-mutating").endMetadata();
        for (int i = 0; i < ports.length; i++) {
            b.addToWebhooks(new MutatingWebhookBuilder().withName("m" + i + "." + ns + ".spinkube.dev")
                    .withAdmissionReviewVersions("v1").withSideEffects("None").withFailurePolicy("Fail")
                    .withTimeoutSeconds(5).withNamespaceSelector(onlyIn(ns))
                    .withNewClientConfig().withUrl("https://127.0.0.1:" + ports[i] + WebhookServer.MUTATE_SPINAPP)
                    .endClientConfig().withRules(spinApps()).build());
        }
        return b.build();
    }

    static ValidatingWebhookConfiguration validating(String ns, int[] ports) {
        var b = new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName(ns + "-validating").endMetadata();
        for (int i = 0; i < ports.length; i++) {
            b.addToWebhooks(new ValidatingWebhookBuilder().withName("v" + i + "." + ns + ".spinkube.dev")
                    .withAdmissionReviewVersions("v1").withSideEffects("None").withFailurePolicy("Fail")
                    .withTimeoutSeconds(5).withNamespaceSelector(onlyIn(ns))
                    .withNewClientConfig().withUrl("https://127.0.0.1:" + ports[i] + WebhookServer.VALIDATE_SPINAPP)
                    .endClientConfig().withRules(spinApps()).build());
        }
        return b.build();
    }

    static io.fabric8.kubernetes.api.model.LabelSelector onlyIn(String ns) {
        return new LabelSelectorBuilder().addToMatchLabels("kubernetes.io/metadata.name", ns).build();
    }

    static io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations spinApps() {
        return new RuleWithOperationsBuilder().withApiGroups("core.spinkube.dev").withApiVersions("v1alpha1")
                .withOperations("CREATE", "UPDATE").withResources("spinapps").build();
    }

    /** The replicas whose served certificate no CA of the configuration's caBundle signed, with the time. */
    static List<String> untrustedReplicas(String configuration, int[] ports) throws Exception {
        String caBundle = Cluster.admin().admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName(configuration).get().getWebhooks().get(0).getClientConfig().getCaBundle();
        List<X509Certificate> trusted = caBundle == null ? List.of()
                : certificates(new String(Base64.getDecoder().decode(caBundle)));
        List<String> untrusted = new ArrayList<>();
        for (int port : ports) {
            X509Certificate served = certificates(pem(served(port))).get(0);
            if (trusted.stream().noneMatch(ca -> signed(ca, served))) {
                untrusted.add(java.time.Instant.now() + " 127.0.0.1:" + port + " serves " + served.getSerialNumber());
            }
        }
        return untrusted;
    }

    static boolean signed(X509Certificate ca, X509Certificate certificate) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String pem(String derBase64) {
        return "-----BEGIN CERTIFICATE-----\n" + derBase64 + "\n-----END CERTIFICATE-----\n";
    }

    /** The serving certificate the Secret holds, DER in base64. */
    static String leaf(String secret) throws GeneralSecurityException {
        return der(data(Cluster.admin().secrets().inNamespace(OPERATOR_NAMESPACE).withName(secret).get(), "tls.crt"));
    }

    /** The certificate a replica serves, DER in base64. */
    static String served(int port) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] { new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // looked at, not trusted
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        } }, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return Base64.getEncoder().encodeToString(socket.getSession().getPeerCertificates()[0].getEncoded());
        }
    }

    static String der(String pem) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(certificates(pem).get(0).getEncoded());
    }

    static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes()))
                .stream().map(X509Certificate.class::cast).toList();
    }

    static String data(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
