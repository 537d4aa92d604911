package dev.spinkube.operator.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.bouncycastle.cert.X509CertificateHolder;
import org.jboss.logging.Logger;

import dev.spinkube.operator.config.WebhookConfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * The self-provisioned webhook certificate in the shared Secret, the only place replicas coordinate: every replica
 * serves what it holds, renews it there when due (the first write wins, the others read it back), and keeps the
 * webhook configurations' caBundle equal to the CAs it lists.
 * <p>
 * A renewal never leaves a replica serving a certificate the API server does not trust: first a new CA joins the
 * trusted CAs (the previous ones stay until they expire), and only a check interval later, once every configuration
 * trusts it, does it sign the next serving certificate. The Secret holds {@code ca.crt} (the trusted CAs, the
 * signing one first), {@code ca.key} (the signing CA's key), {@code tls.crt} and {@code tls.key}.
 */
final class CertificateStore {
    private static final Logger LOG = Logger.getLogger(CertificateStore.class);
    static final String CA = "ca.crt";
    static final String CA_KEY = "ca.key";
    static final String CERT = "tls.crt";
    static final String KEY = "tls.key";

    /** What the Secret holds: the serving certificate with the trusted CAs, and the signing CA (null if unknown). */
    record Stored(ServingCertificate serving, CertificateAuthority signer) {
    }

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
        List<String> names = new ArrayList<>(List.of(svc + "." + namespace + ".svc",
                svc + "." + namespace + ".svc.cluster.local", svc + "." + namespace, svc));
        names.addAll(config.extraNames().orElse(List.of()));
        return names;
    }

    /** What the Secret holds after the step that is due now, if any, has been taken. */
    ServingCertificate current(Instant now) {
        Secret secret = client.secrets().inNamespace(namespace).withName(config.secretName()).get();
        Stored stored = secret == null ? null : read(secret);
        Stored next = next(stored, now, trust());
        if (next == stored) {
            return stored.serving();
        }
        Secret desired = new SecretBuilder().withNewMetadata().withName(config.secretName()).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "spin-operator").endMetadata()
                .withType("kubernetes.io/tls").withData(data(next)).build();
        try {
            if (secret == null) {
                client.resource(desired).create();
            } else {
                desired.getMetadata().setResourceVersion(secret.getMetadata().getResourceVersion());
                client.resource(desired).update();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // another replica wrote it first: serve what it wrote
                return read(client.secrets().inNamespace(namespace).withName(config.secretName()).get()).serving();
            }
            throw e;
        }
        if (stored != null && next.serving().certPem().equals(stored.serving().certPem())) {
            LOG.infof("%s/%s: a new webhook CA is trusted; it signs the next serving certificate", namespace,
                    config.secretName());
        } else {
            LOG.infof("%s/%s: issued a webhook serving certificate valid until %s", namespace, config.secretName(),
                    next.serving().notAfter());
        }
        return next.serving();
    }

    /**
     * The next state of the Secret, one step at a time; {@code stored} itself when nothing is due. {@code trust}: the
     * CAs every webhook of the configurations trusts, empty when no configuration is installed.
     */
    Stored next(Stored stored, Instant now, Optional<Set<String>> trust) {
        if (stored == null) {
            // nothing to keep serving: a new CA, trusted next to whatever the configurations trust (another replica may
            // still serve a certificate of a deleted Secret), and a certificate from it at once
            CertificateAuthority ca = CertificateAuthority.issue(now, config.validity().multipliedBy(2));
            String bundle = bundle(ca.certPem(), trust.orElse(Set.of()).stream(), now);
            return new Stored(ca.sign(names(), now, config.validity(), bundle), ca);
        }
        ServingCertificate serving = stored.serving();
        boolean urgent = !serving.notAfter().isAfter(now) || !serving.names(names());
        if (!urgent && !serving.needsRenewal(now, config.renewBefore())) {
            return stored;
        }
        CertificateAuthority signer = stored.signer();
        if (signer == null || signer.signed(serving.certPem())) {
            // a CA for the next certificate joins the trusted ones first
            CertificateAuthority ca = CertificateAuthority.issue(now, config.validity().multipliedBy(2));
            String bundle = bundle(ca.certPem(),
                    CertificateAuthority.certificates(serving.caPem()).stream().map(CertificateStore::pem), now);
            Stored staged = new Stored(new ServingCertificate(bundle, serving.certPem(), serving.keyPem()), ca);
            if (!urgent) {
                return staged;
            }
            stored = staged;
            signer = ca;
        }
        String signerPem = pem(signer.certPem());
        boolean trusted = trust.map(cas -> cas.contains(signerPem)).orElse(true);
        if (urgent || (trusted && !now.isBefore(signer.issuedAt().plus(config.checkInterval())))) {
            return new Stored(signer.sign(names(), now, config.validity(), stored.serving().caPem()), signer);
        }
        return stored;
    }

    /** Sets the caBundle of every webhook of the two configurations to {@code caPem}, where it differs. */
    void publish(String caPem) {
        String bundle = b64(caPem);
        var mutating = client.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName(config.mutatingConfiguration());
        MutatingWebhookConfiguration m = mutating.get();
        if (m != null && m.getWebhooks().stream().anyMatch(w -> !bundle.equals(w.getClientConfig().getCaBundle()))) {
            mutating.edit(c -> {
                c.getWebhooks().forEach(w -> w.getClientConfig().setCaBundle(bundle));
                return c;
            });
            LOG.infof("MutatingWebhookConfiguration %s: caBundle set", config.mutatingConfiguration());
        }
        var validating = client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(config.validatingConfiguration());
        ValidatingWebhookConfiguration v = validating.get();
        if (v != null && v.getWebhooks().stream().anyMatch(w -> !bundle.equals(w.getClientConfig().getCaBundle()))) {
            validating.edit(c -> {
                c.getWebhooks().forEach(w -> w.getClientConfig().setCaBundle(bundle));
                return c;
            });
            LOG.infof("ValidatingWebhookConfiguration %s: caBundle set", config.validatingConfiguration());
        }
    }

    /**
     * Calls {@code changed} whenever the Secret or one of the configurations is created, changed or deleted (a Helm
     * upgrade or a GitOps sync re-creates configurations without caBundle). Close the informers to stop.
     */
    List<SharedIndexInformer<?>> watch(Runnable changed) {
        ResourceEventHandler<Object> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object o) {
                changed.run();
            }

            @Override
            public void onUpdate(Object before, Object after) {
                changed.run();
            }

            @Override
            public void onDelete(Object o, boolean unknownFinalState) {
                changed.run();
            }
        };
        var v1 = client.admissionRegistration().v1();
        return List.of(client.secrets().inNamespace(namespace).withName(config.secretName()).inform(handler),
                v1.mutatingWebhookConfigurations().withName(config.mutatingConfiguration()).inform(handler),
                v1.validatingWebhookConfigurations().withName(config.validatingConfiguration()).inform(handler));
    }

    /** The CAs every webhook of the installed configurations trusts; empty when none is installed. */
    private Optional<Set<String>> trust() {
        var v1 = client.admissionRegistration().v1();
        var mutating = v1.mutatingWebhookConfigurations().withName(config.mutatingConfiguration()).get();
        var validating = v1.validatingWebhookConfigurations().withName(config.validatingConfiguration()).get();
        List<WebhookClientConfig> clients = Stream.concat(
                mutating == null ? Stream.empty() : mutating.getWebhooks().stream().map(w -> w.getClientConfig()),
                validating == null ? Stream.empty() : validating.getWebhooks().stream().map(w -> w.getClientConfig()))
                .toList();
        if (clients.isEmpty()) {
            return Optional.empty();
        }
        Set<String> everywhere = null;
        for (WebhookClientConfig c : clients) {
            Set<String> trusted = new LinkedHashSet<>();
            try {
                CertificateAuthority.certificates(unb64(c.getCaBundle() == null ? "" : c.getCaBundle())).forEach(
                        ca -> trusted.add(pem(ca)));
            } catch (IllegalArgumentException e) {
                // an empty or foreign caBundle trusts none of ours
            }
            if (everywhere == null) {
                everywhere = trusted;
            } else {
                everywhere.retainAll(trusted);
            }
        }
        return Optional.of(everywhere);
    }

    /** {@code first}, then those of {@code others} that are still valid, each once, as one PEM bundle. */
    private static String bundle(String first, Stream<String> others, Instant now) {
        Set<String> cas = new LinkedHashSet<>();
        cas.add(first);
        others.filter(ca -> CertificateAuthority.certificates(ca).get(0).getNotAfter().toInstant().isAfter(now))
                .forEach(cas::add);
        return String.join("", cas);
    }

    private Stored read(Secret secret) {
        Map<String, String> d = secret.getData();
        if (d == null || !d.containsKey(CA) || !d.containsKey(CERT) || !d.containsKey(KEY)) {
            return null;
        }
        try {
            ServingCertificate serving = new ServingCertificate(unb64(d.get(CA)), unb64(d.get(CERT)),
                    unb64(d.get(KEY)));
            serving.notAfter();
            // the signing CA is the first of ca.crt; a Secret of an earlier release has no ca.key:
            // that CA signs no more
            CertificateAuthority signer = d.containsKey(CA_KEY)
                    ? new CertificateAuthority(pem(serving.caPem()), unb64(d.get(CA_KEY)))
                    : null;
            return new Stored(serving, signer);
        } catch (RuntimeException e) {
            LOG.warnf("%s/%s does not hold a readable certificate (%s); issuing a new one", namespace,
                    secret.getMetadata().getName(), e.getMessage());
            return null;
        }
    }

    private static Map<String, String> data(Stored stored) {
        return Map.of(CA, b64(stored.serving().caPem()), CA_KEY, b64(stored.signer().keyPem()),
                CERT, b64(stored.serving().certPem()), KEY, b64(stored.serving().keyPem()));
    }

    private static String pem(X509CertificateHolder certificate) {
        try {
            return CertificateAuthority.pem(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String pem) {
        return pem(CertificateAuthority.certificates(pem).get(0));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
