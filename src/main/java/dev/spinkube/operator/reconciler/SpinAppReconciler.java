package dev.spinkube.operator.reconciler;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jboss.logging.Logger;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinAppStatus;
import dev.spinkube.operator.desired.DesiredDeployment;
import dev.spinkube.operator.plan.Plan;
import dev.spinkube.operator.status.AppStatus;
import dev.spinkube.operator.status.ManagedApps;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;

/**
 * Reconciles a SpinApp: read its executor and referenced data, let the core decide, apply (Secrets,
 * then Deployment and Service), and write the status only when it changed. An app that cannot be
 * applied keeps its last good Deployment and says why in its Ready condition.
 */
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "deployment", type = DeploymentDependent.class, reconcilePrecondition = CreatesDeployment.class),
        @Dependent(name = "service", type = ServiceDependent.class) })
@ControllerConfiguration(name = SpinAppReconciler.NAME)
public class SpinAppReconciler implements Reconciler<SpinApp> {
    public static final String NAME = "spinapp";
    private static final Logger LOG = Logger.getLogger(SpinAppReconciler.class);

    @Inject
    EventRecorder events;

    @Inject
    ManagedApps managedApps;

    @Inject
    ExecutorUsers executorUsers;

    private ExecutorSource executors;
    private ReferencedDataSources data;

    @Override
    public List<EventSource<?, SpinApp>> prepareEventSources(EventSourceContext<SpinApp> context) {
        var apps = context.getPrimaryCache();
        managedApps.watch(() -> apps.list());
        executors = new ExecutorSource(context);
        executorUsers.watch(apps);
        data = new ReferencedDataSources(context, executors);
        return List.of(executors.informer, data.secrets, data.configMaps);
    }

    @Override
    public UpdateControl<SpinApp> reconcile(SpinApp app, Context<SpinApp> context) {
        SpinAppExecutor executor = executors.of(app).orElse(null);
        var client = context.getClient();
        Plan plan = Plan.of(app, executor, (ns, needed) -> data.resolve(client, ns, needed));
        if (plan instanceof Plan.Apply apply) {
            announceChanges(app, apply.objects().deployment(), context.getSecondaryResource(Deployment.class).orElse(null));
            GeneratedSecrets.apply(client, data.secrets, apply.objects());
            ReconcileState.put(context, apply.objects());
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        }
        Deployment deployment = context.getSecondaryResource(Deployment.class).orElse(null);
        if (plan instanceof Plan.Apply apply) {
            GeneratedSecrets.deleteSuperseded(client, data.secrets, app, apply.objects(), deployment);
        }
        SpinAppStatus next = AppStatus.next(app, plan, deployment, Instant.now());
        if (next.equals(app.getStatus())) {
            return UpdateControl.noUpdate();
        }
        announce(app, plan, next);
        writeStatus(app, next, context);
        return UpdateControl.noUpdate();
    }

    /**
     * Applies the status (server-side, only the status and the object's identity) and keeps the answer in the
     * primary cache: a reconcile triggered before the informer has seen this write then reads the new status, not the
     * one it replaced, and writes nothing (with the stale one it wrote again and met a 409 Conflict).
     */
    private static void writeStatus(SpinApp app, SpinAppStatus next, Context<SpinApp> context) {
        SpinApp status = new SpinApp();
        status.setMetadata(new ObjectMetaBuilder().withName(app.getMetadata().getName())
                .withNamespace(app.getMetadata().getNamespace()).build());
        status.setSpec(null);
        status.setStatus(next);
        PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(app, status, context);
    }

    /** Events on transitions of the Ready condition only: one per change, none per no-op reconcile. */
    private void announce(SpinApp app, Plan plan, SpinAppStatus next) {
        Condition before = ready(app.getStatus());
        Condition after = ready(next);
        if (after == null || before != null && Objects.equals(before.getReason(), after.getReason())
                && Objects.equals(before.getMessage(), after.getMessage())) {
            return;
        }
        String id = app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
        if (plan instanceof Plan.Blocked blocked) {
            LOG.warnf("%s: %s: %s", id, blocked.reason(), blocked.message());
            events.warning(app, blocked.reason().name(), blocked.message());
        } else {
            LOG.infof("%s: Ready=%s (%s: %s)", id, after.getStatus(), after.getReason(), after.getMessage());
        }
    }

    /** Normal events for what changes running pods: a rollout caused by referenced data, a new replica count. */
    private void announceChanges(SpinApp app, Deployment desired, Deployment observed) {
        if (desired == null || observed == null) {
            return;
        }
        String before = annotation(observed, DesiredDeployment.REFERENCED_DATA_HASH);
        String after = annotation(desired, DesiredDeployment.REFERENCED_DATA_HASH);
        if (before != null && after != null && !before.equals(after)) {
            events.normal(app, "RolloutStarted", "Referenced Secret or ConfigMap data changed: rolling the pods");
        }
        Integer from = observed.getSpec().getReplicas();
        Integer to = desired.getSpec().getReplicas();
        if (from != null && to != null && !from.equals(to)) {
            events.normal(app, "Scaled", "Scaled from " + from + " to " + to + " replicas");
        }
    }

    private static String annotation(Deployment d, String key) {
        var a = d.getSpec().getTemplate().getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }

    private static Condition ready(SpinAppStatus status) {
        return status == null ? null : status.ready().orElse(null);
    }
}
