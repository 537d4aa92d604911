package dev.spinkube.operator.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppStatus;
import dev.spinkube.operator.desired.Plan;
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
    public static final String READY = "Ready";
    public static final String AVAILABLE = "Available";
    public static final String PROGRESSING = "Progressing";
    public static final String DEPLOYMENT_NOT_FOUND = "DeploymentNotFound";

    private AppStatus() {
    }

    /**
     * @param plan what the reconciler decided for this app
     * @param deployment the app's Deployment as observed, or null
     * @param createsDeployment whether the executor has the operator create a Deployment
     */
    public static SpinAppStatus next(SpinApp app, Plan plan, Deployment deployment, boolean createsDeployment,
            Instant now) {
        SpinAppStatus previous = app.getStatus() == null ? new SpinAppStatus() : app.getStatus();
        String name = app.getMetadata().getName();
        SpinAppStatus s = new SpinAppStatus();
        s.observedGeneration = app.getMetadata().getGeneration();
        s.activeScheduler = plan instanceof Plan.Blocked b && Plan.MISSING_EXECUTOR.equals(b.reason()) ? null
                : app.getSpec().executor;
        s.serviceName = plan instanceof Plan.Apply || previous.serviceName != null ? name : null;
        List<Condition> conditions = new ArrayList<>();
        if (createsDeployment || deployment != null) {
            s.deploymentName = deployment != null ? name : null;
            s.selector = AppLabels.selectorString(AppLabels.selector(name));
            var ds = deployment == null ? null : deployment.getStatus();
            s.readyReplicas = ds == null || ds.getReadyReplicas() == null ? 0 : ds.getReadyReplicas();
            s.replicas = ds == null || ds.getReplicas() == null ? 0 : ds.getReplicas();
            conditions.add(copied(AVAILABLE, deployment, previous, now));
            conditions.add(copied(PROGRESSING, deployment, previous, now));
        }
        conditions.add(ready(app, plan, deployment, createsDeployment, s.readyReplicas, previous, now));
        s.conditions = conditions;
        return s;
    }

    private static Condition ready(SpinApp app, Plan plan, Deployment deployment, boolean createsDeployment,
            int readyReplicas, SpinAppStatus previous, Instant now) {
        if (plan instanceof Plan.Blocked blocked) {
            return condition(READY, "False", blocked.reason(), blocked.message(), app, previous, now);
        }
        if (!createsDeployment) {
            return condition(READY, "True", "ExternallyDeployed",
                    "The executor runs the app outside the operator; its Service is in place", app, previous, now);
        }
        if (deployment == null) {
            return condition(READY, "False", DEPLOYMENT_NOT_FOUND, "Deployment not found", app, previous, now);
        }
        Integer wanted = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        int desired = wanted == null ? 1 : wanted;
        if (readyReplicas >= desired && isTrue(deployment, AVAILABLE)) {
            return condition(READY, "True", "AppReady", readyReplicas + " of " + desired + " replicas ready", app,
                    previous, now);
        }
        return condition(READY, "False", "PodsNotReady", readyReplicas + " of " + desired + " replicas ready", app,
                previous, now);
    }

    private static boolean isTrue(Deployment deployment, String type) {
        return deployment.getStatus() != null && deployment.getStatus().getConditions() != null
                && deployment.getStatus().getConditions().stream()
                        .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Condition copied(String type, Deployment deployment, SpinAppStatus previous, Instant now) {
        DeploymentCondition dc = deployment == null || deployment.getStatus() == null
                || deployment.getStatus().getConditions() == null ? null
                        : deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
                                .findFirst().orElse(null);
        if (deployment == null) {
            return condition(type, "Unknown", DEPLOYMENT_NOT_FOUND, "Deployment not found", null, previous, now);
        }
        if (dc == null) {
            return condition(type, "Unknown", "DeploymentStatusUnknown",
                    "The Deployment does not report this condition yet", null, previous, now);
        }
        return condition(type, dc.getStatus(), nonEmpty(dc.getReason(), "Unknown"), Objects.toString(dc.getMessage(), ""),
                null, previous, now);
    }

    private static Condition condition(String type, String status, String reason, String message, SpinApp app,
            SpinAppStatus previous, Instant now) {
        Condition old = previous.conditions == null ? null
                : previous.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
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
