package dev.spinkube.operator.webhook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The admission webhooks over HTTPS on their own port, with a certificate the operator provisions
 * (or mounted files, e.g. from cert-manager), renewed in place before it expires.
 */
@ApplicationScoped
public class WebhookServer {
    public static final String MUTATE_SPINAPP = "/mutate-core-spinkube-dev-v1alpha1-spinapp";
    public static final String VALIDATE_SPINAPP = "/validate-core-spinkube-dev-v1alpha1-spinapp";
    public static final String VALIDATE_EXECUTOR = "/validate-core-spinkube-dev-v1alpha1-spinappexecutor";
    private static final Logger LOG = Logger.getLogger(WebhookServer.class);

    @Inject
    WebhookConfig config;
    @Inject
    KubernetesClient client;
    @Inject
    Vertx vertx;
    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    private HttpServer server;
    private CertificateStore store;
    private volatile ServingCertificate certificate;

    void start(@Observes StartupEvent event) throws Exception {
        if (!config.enabled()) {
            LOG.info("Admission webhooks are off (spin-operator.webhooks.enabled=false): rules are enforced by the CRDs' CEL rules and the reconciler");
            return;
        }
        certificate = loadCertificate();
        Router router = Router.router(vertx);
        router.post().handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024));
        Admission.Executors executors = ns -> client.resources(SpinAppExecutor.class).inNamespace(ns).list().getItems();
        route(router, MUTATE_SPINAPP, review -> Admission.defaultSpinApp(review, executors));
        route(router, VALIDATE_SPINAPP, review -> Admission.validateSpinApp(review, executors));
        route(router, VALIDATE_EXECUTOR, Admission::validateExecutor);
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setPort(config.port())
                .setKeyCertOptions(keyCert(certificate)));
        server.requestHandler(router).listen().toCompletionStage().toCompletableFuture().get();
        LOG.infof("Admission webhooks listening on https://0.0.0.0:%d (%s, %s, %s)", server.actualPort(), MUTATE_SPINAPP,
                VALIDATE_SPINAPP, VALIDATE_EXECUTOR);
        vertx.setPeriodic(config.checkInterval().toMillis(), id -> vertx.executeBlocking(() -> {
            renewIfNeeded();
            return null;
        }, false));
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
    }

    /** The port actually bound (tests use port 0). */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    /** The CA that clients (the API server) must trust. */
    public String caPem() {
        return certificate == null ? null : certificate.caPem();
    }

    private ServingCertificate loadCertificate() throws Exception {
        if ("files".equals(config.certificates())) {
            Path dir = Path.of(config.certificateDirectory());
            String cert = Files.readString(dir.resolve(CertificateStore.CERT));
            Path ca = dir.resolve(CertificateStore.CA);
            return new ServingCertificate(Files.exists(ca) ? Files.readString(ca) : cert, cert,
                    Files.readString(dir.resolve(CertificateStore.KEY)));
        }
        String namespace = config.namespace().orElseGet(() -> client.getNamespace() == null ? "default" : client.getNamespace());
        store = new CertificateStore(client, config, namespace);
        ServingCertificate c = store.current(Instant.now());
        store.publishCaBundle(c.caPem());
        return c;
    }

    void renewIfNeeded() {
        try {
            ServingCertificate next = store == null ? loadCertificate() : store.current(Instant.now());
            if (!next.certPem().equals(certificate.certPem())) {
                if (store != null) {
                    store.publishCaBundle(next.caPem());
                }
                server.updateSSLOptions(new io.vertx.core.net.SSLOptions().setKeyCertOptions(keyCert(next)));
                certificate = next;
                LOG.infof("Webhook serving certificate renewed; valid until %s", next.notAfter());
            }
        } catch (Exception e) {
            LOG.errorf("Could not renew the webhook serving certificate: %s", e.getMessage());
        }
    }

    private static PemKeyCertOptions keyCert(ServingCertificate c) {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(c.certPem())).setKeyValue(Buffer.buffer(c.keyPem()));
    }

    private void route(Router router, String path, UnaryOperator<JsonNode> decide) {
        router.post(path).blockingHandler(ctx -> respond(ctx, path, decide), false);
    }

    private void respond(RoutingContext ctx, String path, UnaryOperator<JsonNode> decide) {
        JsonNode review;
        try {
            review = Admission.JSON.readTree(ctx.body().asString());
        } catch (Exception e) {
            ctx.response().setStatusCode(400).end("the body is not an AdmissionReview: " + e.getMessage());
            return;
        }
        if (review == null || !review.path("request").isObject()) {
            ctx.response().setStatusCode(400).end("the body is not an AdmissionReview with a request");
            return;
        }
        JsonNode response = decide.apply(review);
        metrics.counter("spin_operator_webhook_requests", "path", path, "allowed",
                String.valueOf(response.path("response").path("allowed").asBoolean())).increment();
        ctx.response().putHeader("Content-Type", "application/json").end(response.toString());
    }

    static List<String> paths() {
        return List.of(MUTATE_SPINAPP, VALIDATE_SPINAPP, VALIDATE_EXECUTOR);
    }
}
