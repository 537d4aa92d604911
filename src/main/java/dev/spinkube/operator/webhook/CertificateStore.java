package dev.spinkube.operator.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Keeps the self-provisioned webhook certificate in a Secret (so every replica serves the same one and
 * a restart does not change it), renews it before expiry, and keeps the webhook configurations'
 * caBundle in step.
 */
final class CertificateStore {
    private static final Logger LOG = Logger.getLogger(CertificateStore.class);
    static final String CA = "ca.crt";
    static final String CERT = "tls.crt";
    static final String KEY = "tls.key";

    private final KubernetesClient client;
    private final WebhookConfig config;
    private final String namespace;

    CertificateStore(KubernetesClient client, WebhookConfig config, String namespace) {
        this.client = client;
        this.config = config;
        this.namespace = namespace;
    }

    /** The names the API server uses to reach the webhook: the Service's DNS names and any configured extra names. */
    List<String> names() {
        String svc = config.serviceName();
        List<String> names = new ArrayList<>(List.of(svc + "." + namespace + ".svc", svc + "." + namespace + ".svc.cluster.local",
                svc + "." + namespace, svc));
        names.addAll(config.extraNames().orElse(List.of()));
        return names;
    }

    /** The current certificate, issuing (and storing) a new one when missing or close to expiry. */
    ServingCertificate current(Instant now) {
        Secret secret = client.secrets().inNamespace(namespace).withName(config.secretName()).get();
        ServingCertificate stored = secret == null ? null : read(secret);
        if (stored != null && !stored.needsRenewal(now, config.renewBefore())) {
            return stored;
        }
        ServingCertificate issued = ServingCertificate.issue(names(), now, config.validity());
        Secret desired = new SecretBuilder().withNewMetadata().withName(config.secretName()).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "spin-operator").endMetadata()
                .withType("kubernetes.io/tls")
                .withData(Map.of(CA, b64(issued.caPem()), CERT, b64(issued.certPem()), KEY, b64(issued.keyPem())))
                .build();
        try {
            if (secret == null) {
                client.resource(desired).create();
            } else {
                desired.getMetadata().setResourceVersion(secret.getMetadata().getResourceVersion());
                client.resource(desired).update();
            }
            LOG.infof("%s/%s: issued a webhook serving certificate valid until %s", namespace, config.secretName(),
                    issued.notAfter());
            return issued;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // another replica stored one first: use it
                return read(client.secrets().inNamespace(namespace).withName(config.secretName()).get());
            }
            throw e;
        }
    }

    /** Puts the CA into every webhook of the two configurations, where it is not there yet. */
    void publishCaBundle(String caPem) {
        String bundle = b64(caPem);
        var v1 = client.admissionRegistration().v1();
        var mutating = v1.mutatingWebhookConfigurations().withName(config.mutatingConfiguration());
        if (mutating.get() == null) {
            LOG.warnf("MutatingWebhookConfiguration %s not found: install it to default executors", config.mutatingConfiguration());
        } else if (mutating.get().getWebhooks().stream().anyMatch(w -> !bundle.equals(w.getClientConfig().getCaBundle()))) {
            mutating.edit(c -> {
                c.getWebhooks().forEach(w -> w.getClientConfig().setCaBundle(bundle));
                return c;
            });
        }
        var validating = v1.validatingWebhookConfigurations().withName(config.validatingConfiguration());
        if (validating.get() == null) {
            LOG.warnf("ValidatingWebhookConfiguration %s not found: install it to validate SpinApps", config.validatingConfiguration());
        } else if (validating.get().getWebhooks().stream().anyMatch(w -> !bundle.equals(w.getClientConfig().getCaBundle()))) {
            validating.edit(c -> {
                c.getWebhooks().forEach(w -> w.getClientConfig().setCaBundle(bundle));
                return c;
            });
        }
    }

    private static ServingCertificate read(Secret secret) {
        Map<String, String> d = secret.getData();
        if (d == null || !d.containsKey(CA) || !d.containsKey(CERT) || !d.containsKey(KEY)) {
            return null;
        }
        try {
            ServingCertificate c = new ServingCertificate(unb64(d.get(CA)), unb64(d.get(CERT)), unb64(d.get(KEY)));
            c.notAfter();
            return c;
        } catch (RuntimeException e) {
            LOG.warnf("%s/%s does not hold a readable certificate (%s); issuing a new one",
                    secret.getMetadata().getNamespace(), secret.getMetadata().getName(), e.getMessage());
            return null;
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
