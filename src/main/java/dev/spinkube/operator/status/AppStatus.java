package dev.spinkube.operator.status;

import static dev.spinkube.operator.api.v1alpha1.SpinAppStatus.AVAILABLE;
import static dev.spinkube.operator.api.v1alpha1.SpinAppStatus.PROGRESSING;
import static dev.spinkube.operator.api.v1alpha1.SpinAppStatus.READY;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.spinkube.operator.api.v1alpha1.ReadyReason;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppStatus;
import dev.spinkube.operator.plan.Plan;
import dev.spinkube.operator.spin.AppLabels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;

/**
 * Assembles a SpinApp's status from what was decided (the plan) and what was observed (its
 * Deployment). A condition keeps its lastTransitionTime while its status stays the same, so an
 * unchanged world gives an equal status and nothing is written.
 */
public final class AppStatus {
    /** Reason of a copied condition the Deployment does not report yet. */
    static final String DEPLOYMENT_STATUS_UNKNOWN = "DeploymentStatusUnknown";
    static final String DEPLOYMENT_NOT_FOUND = "Deployment not found";

    private AppStatus() {
    }

    /**
     * @param plan what the reconciler decided for this app
     * @param deployment the app's Deployment as observed, or null
     */
    public static SpinAppStatus next(SpinApp app, Plan plan, Deployment deployment, Instant now) {
        SpinAppStatus previous = app.getStatus() == null ? new SpinAppStatus() : app.getStatus();
        boolean createsDeployment = plan instanceof Plan.Apply apply && apply.createsDeployment();
        String name = app.getMetadata().getName();
        SpinAppStatus s = new SpinAppStatus();
        s.setObservedGeneration(app.getMetadata().getGeneration());
        s.setActiveScheduler(plan instanceof Plan.Blocked b && b.reason() == ReadyReason.MissingExecutor ? null
                : app.getSpec().executor().orElse(null));
        s.setServiceName(plan instanceof Plan.Apply || previous.serviceName() != null ? name : null);
        List<Condition> conditions = new ArrayList<>();
        if (createsDeployment || deployment != null) {
            s.setDeploymentName(deployment != null ? name : null);
            s.setSelector(AppLabels.selectorString(AppLabels.selector(name)));
            var ds = deployment == null ? null : deployment.getStatus();
            s.setReadyReplicas(ds == null || ds.getReadyReplicas() == null ? 0 : ds.getReadyReplicas());
            s.setReplicas(ds == null || ds.getReplicas() == null ? 0 : ds.getReplicas());
            conditions.add(copied(AVAILABLE, deployment, previous, now));
            conditions.add(copied(PROGRESSING, deployment, previous, now));
        }
        conditions.add(ready(app, plan, deployment, createsDeployment, s.readyReplicas(), previous, now));
        s.setConditions(conditions);
        return s;
    }

    private static Condition ready(SpinApp app, Plan plan, Deployment deployment, boolean createsDeployment,
            int readyReplicas, SpinAppStatus previous, Instant now) {
        if (plan instanceof Plan.Blocked blocked) {
            return ready(blocked.reason(), blocked.message(), app, previous, now);
        }
        if (!createsDeployment) {
            return ready(ReadyReason.ExternallyDeployed,
                    "The executor runs the app outside the operator; its Service is in place", app, previous, now);
        }
        if (deployment == null) {
            return ready(ReadyReason.DeploymentNotFound, DEPLOYMENT_NOT_FOUND, app, previous, now);
        }
        Integer wanted = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        int desired = wanted == null ? 1 : wanted;
        String replicas = readyReplicas + " of " + desired + " replicas ready";
        if (readyReplicas >= desired && isTrue(deployment, AVAILABLE)) {
            return ready(ReadyReason.AppReady, replicas, app, previous, now);
        }
        return ready(ReadyReason.PodsNotReady, replicas, app, previous, now);
    }

    private static Condition ready(ReadyReason reason, String message, SpinApp app, SpinAppStatus previous,
            Instant now) {
        return condition(READY, reason.status(), reason.name(), message, app, previous, now);
    }

    private static boolean isTrue(Deployment deployment, String type) {
        return deploymentCondition(deployment, type).map(c -> SpinAppStatus.TRUE.equals(c.getStatus())).orElse(false);
    }

    private static Optional<DeploymentCondition> deploymentCondition(Deployment deployment, String type) {
        if (deployment == null || deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Available and Progressing as the Deployment reports them, Unknown while it does not. */
    private static Condition copied(String type, Deployment deployment, SpinAppStatus previous, Instant now) {
        if (deployment == null) {
            return condition(type, SpinAppStatus.UNKNOWN, ReadyReason.DeploymentNotFound.name(), DEPLOYMENT_NOT_FOUND,
                    null, previous, now);
        }
        return deploymentCondition(deployment, type)
                .map(dc -> condition(type, dc.getStatus(), nonEmpty(dc.getReason(), SpinAppStatus.UNKNOWN),
                        Objects.toString(dc.getMessage(), ""), null, previous, now))
                .orElseGet(() -> condition(type, SpinAppStatus.UNKNOWN, DEPLOYMENT_STATUS_UNKNOWN,
                        "The Deployment does not report this condition yet", null, previous, now));
    }

    private static Condition condition(String type, String status, String reason, String message, SpinApp app,
            SpinAppStatus previous, Instant now) {
        Condition old = previous.condition(type).orElse(null);
        String since = old != null && status.equals(old.getStatus()) && old.getLastTransitionTime() != null
                ? old.getLastTransitionTime()
                : now.truncatedTo(ChronoUnit.SECONDS).toString();
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(since)
                .withObservedGeneration(app == null ? null : app.getMetadata().getGeneration()).build();
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s;
    }
}
