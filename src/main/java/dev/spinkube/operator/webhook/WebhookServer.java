package dev.spinkube.operator.webhook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.config.OperatorConfig;
import dev.spinkube.operator.config.WebhookConfig;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The admission webhooks over HTTPS on their own port. The certificate is the operator's own (the shared Secret of
 * {@link CertificateStore}) or mounted files (e.g. from cert-manager). Every replica serves the certificate the
 * Secret holds, and reloads it, re-publishes the CAs and takes any renewal step that is due whenever the Secret or a
 * webhook configuration changes, and every check interval.
 */
@ApplicationScoped
public class WebhookServer {
    public static final String MUTATE_SPINAPP = "/mutate-core-spinkube-dev-v1alpha1-spinapp";
    public static final String VALIDATE_SPINAPP = "/validate-core-spinkube-dev-v1alpha1-spinapp";
    public static final String VALIDATE_EXECUTOR = "/validate-core-spinkube-dev-v1alpha1-spinappexecutor";
    private static final Logger LOG = Logger.getLogger(WebhookServer.class);

    @Inject
    OperatorConfig settings;
    @Inject
    KubernetesClient client;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry metrics;
    @Inject
    Operator operator;

    private HttpServer server;
    private ServingKeyManager keyManager;
    private ExecutorCache executors;
    private CertificateStore store;
    private List<SharedIndexInformer<?>> watches = List.of();
    /** One thread for checks, watch events and reloads, so they never overlap. */
    private ScheduledExecutorService certificates;
    private final AtomicBoolean syncQueued = new AtomicBoolean();
    private volatile ServingCertificate certificate;
    private WebhookConfig config;

    void start(@Observes StartupEvent event) throws Exception {
        config = settings.webhooks();
        if (!config.enabled()) {
            LOG.info("Admission webhooks are off (spin-operator.webhooks.enabled=false): the CRDs' CEL rules and the"
                    + " reconciler enforce the rules");
            return;
        }
        if (config.renewBefore().compareTo(config.validity()) >= 0) {
            throw new IllegalArgumentException("spin-operator.webhooks.renew-before (" + config.renewBefore()
                    + ") must be shorter than spin-operator.webhooks.validity (" + config.validity() + ")");
        }
        if (!"files".equals(config.certificates())) {
            String namespace = config.namespace()
                    .orElseGet(() -> client.getNamespace() == null ? "default" : client.getNamespace());
            store = new CertificateStore(client, config, namespace);
        }
        certificate = load();
        executors = new ExecutorCache(client, watchedNamespaces());
        Router router = Router.router(vertx);
        router.post().handler(BodyHandler.create().setBodyLimit(4 * 1024 * 1024));
        route(router, MUTATE_SPINAPP, review -> Admission.defaultSpinApp(review, executors));
        route(router, VALIDATE_SPINAPP, review -> Admission.validateSpinApp(review, executors));
        route(router, VALIDATE_EXECUTOR, Admission::validateExecutor);
        keyManager = new ServingKeyManager(certificate);
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setPort(config.port())
                .setKeyCertOptions(KeyCertOptions.wrap(keyManager)));
        server.requestHandler(router).listen().toCompletionStage().toCompletableFuture().get();
        LOG.infof("Admission webhooks listening on https://0.0.0.0:%d (%s, %s, %s)", server.actualPort(),
                MUTATE_SPINAPP, VALIDATE_SPINAPP, VALIDATE_EXECUTOR);
        certificates = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-certificates");
            t.setDaemon(true);
            return t;
        });
        if (store != null) {
            watches = store.watch(this::syncSoon);
        }
        long interval = config.checkInterval().toMillis();
        certificates.scheduleWithFixedDelay(this::sync, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Stops watching before anything it would call stops: no event arrives at a closed executor or server. */
    void stop(@Observes ShutdownEvent event) throws Exception {
        watches.forEach(SharedIndexInformer::close);
        if (certificates != null) {
            certificates.shutdownNow();
            certificates.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (executors != null) {
            executors.close();
        }
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    /** The port actually bound (tests use port 0). */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    /** The CAs that clients (the API server) must trust, as PEM. */
    public String caPem() {
        return certificate == null ? null : certificate.caPem();
    }

    private ServingCertificate load() throws Exception {
        if (store == null) {
            Path dir = Path.of(config.certificateDirectory());
            String cert = Files.readString(dir.resolve(CertificateStore.CERT));
            Path ca = dir.resolve(CertificateStore.CA);
            return new ServingCertificate(Files.exists(ca) ? Files.readString(ca) : cert, cert,
                    Files.readString(dir.resolve(CertificateStore.KEY)));
        }
        ServingCertificate c = store.current(Instant.now());
        store.publish(c.caPem());
        return c;
    }

    private void syncSoon() {
        if (syncQueued.compareAndSet(false, true)) {
            try {
                certificates.execute(() -> {
                    syncQueued.set(false);
                    sync();
                });
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    /** Takes what is due, publishes the CAs and serves the certificate the Secret (or the mounted files) holds. */
    void sync() {
        try {
            ServingCertificate next = load();
            if (!next.certPem().equals(certificate.certPem()) || !next.keyPem().equals(certificate.keyPem())) {
                keyManager.use(next);
                LOG.infof("Serving the webhook certificate valid until %s", next.notAfter());
            }
            certificate = next;
        } catch (Exception e) {
            LOG.warnf("Could not check the webhook serving certificate (again on the next change or check): %s",
                    e.getMessage());
        }
    }

    /** The namespaces the SpinApp controller watches (all, unless the operator is limited to some). */
    private Set<String> watchedNamespaces() {
        return operator.getRegisteredControllers().stream()
                .map(c -> ((RegisteredController<?>) c).getConfiguration())
                .filter(c -> c.getResourceClass() == SpinApp.class).findFirst()
                .map(ControllerConfiguration::getEffectiveNamespaces).orElse(Constants.DEFAULT_NAMESPACES_SET);
    }

    private void route(Router router, String path, UnaryOperator<AdmissionReview> decide) {
        // a worker thread: an executor the cache lacks is read from the API server
        router.post(path).blockingHandler(ctx -> respond(ctx, path, decide), false);
    }

    private void respond(RoutingContext ctx, String path, UnaryOperator<AdmissionReview> decide) {
        AdmissionReview review;
        try {
            review = Admission.review(ctx.body().asString());
        } catch (IllegalArgumentException e) {
            ctx.response().setStatusCode(400).end(e.getMessage());
            return;
        }
        AdmissionReview answer = decide.apply(review);
        metrics.counter("spin_operator_webhook_requests", "path", path, "allowed",
                String.valueOf(Boolean.TRUE.equals(answer.getResponse().getAllowed()))).increment();
        try {
            ctx.response().putHeader("Content-Type", "application/json").end(Admission.JSON.writeValueAsString(answer));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
