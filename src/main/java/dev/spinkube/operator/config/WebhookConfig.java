package dev.spinkube.operator.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** {@code spin-operator.webhooks.*}: defaulting and validation of SpinApps and executors over HTTPS. */
public interface WebhookConfig {

    /** Serve the admission webhooks (the install must also create the webhook configurations). */
    @WithDefault("false")
    boolean enabled();

    /** HTTPS port of the webhook server. */
    @WithDefault("8443")
    int port();

    /**
     * Where the serving certificate comes from: {@code self} (the operator keeps a CA and a serving
     * certificate in a Secret and patches the CA bundle into the webhook configurations) or
     * {@code files} (mounted files, e.g. from cert-manager: tls.crt, tls.key).
     */
    @WithDefault("self")
    String certificates();

    /** Directory with tls.crt and tls.key when {@code certificates=files}. */
    @WithDefault("/tmp/k8s-webhook-server/serving-certs")
    String certificateDirectory();

    /** Namespace of the operator (and of the webhook Service and certificate Secret). */
    Optional<String> namespace();

    /** The Service in front of the webhook server (the certificate's DNS names follow from it). */
    @WithDefault("spin-operator-webhook")
    String serviceName();

    /**
     * More names for the self-provisioned serving certificate, next to the Service's: host names or IP addresses
     * that webhook configurations call by {@code clientConfig.url} (e.g. 127.0.0.1 when the operator runs outside
     * the cluster).
     */
    Optional<List<String>> extraNames();

    /** The Secret holding the self-provisioned CA and serving certificate. */
    @WithDefault("spin-operator-webhook-tls")
    String secretName();

    /** Webhook configurations whose caBundle the operator keeps current. */
    @WithDefault("spin-operator-mutating-webhook")
    String mutatingConfiguration();

    @WithDefault("spin-operator-validating-webhook")
    String validatingConfiguration();

    /** Validity of a self-provisioned serving certificate; its CA lasts twice as long. */
    @WithDefault("P365D")
    Duration validity();

    /** Renew the serving certificate when less than this is left (shorter than {@link #validity()}). */
    @WithDefault("P30D")
    Duration renewBefore();

    /**
     * How often each replica checks the certificate for renewal (it also checks whenever the Secret or a webhook
     * configuration changes). A new CA signs serving certificates only this long after it became trusted.
     */
    @WithDefault("PT12H")
    Duration checkInterval();
}
