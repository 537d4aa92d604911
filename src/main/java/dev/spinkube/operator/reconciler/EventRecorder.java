package dev.spinkube.operator.reconciler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Kubernetes Events on SpinApps and executors, for what a user must see ({@code kubectl describe}).
 * Callers emit on transitions only, so a steady state emits nothing. A failed event is logged, never
 * fatal.
 */
@ApplicationScoped
public class EventRecorder {
    public static final String COMPONENT = "spin-operator";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    @Inject
    KubernetesClient client;

    public void normal(HasMetadata on, String reason, String message) {
        emit(on, "Normal", reason, message);
    }

    public void warning(HasMetadata on, String reason, String message) {
        emit(on, "Warning", reason, message);
    }

    private void emit(HasMetadata on, String type, String reason, String message) {
        String ns = on.getMetadata().getNamespace();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata().withNamespace(ns)
                .withName(on.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8)).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(on.getApiVersion())
                        .withKind(on.getKind()).withName(on.getMetadata().getName()).withNamespace(ns)
                        .withUid(on.getMetadata().getUid()).build())
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(ns).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("%s/%s: could not record event %s: %s", ns, on.getMetadata().getName(), reason, e.getMessage());
        }
    }
}
