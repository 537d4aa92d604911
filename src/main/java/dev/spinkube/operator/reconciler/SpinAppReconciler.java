package dev.spinkube.operator.reconciler;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jboss.logging.Logger;

import dev.spinkube.operator.api.v1alpha1.ReadyReason;
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
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
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
        @Dependent(name = SpinAppReconciler.RUNTIME_CONFIG, type = RuntimeConfigDependent.class,
                useEventSourceWithName = ReferencedDataSources.SECRETS),
        @Dependent(name = SpinAppReconciler.CA_BUNDLE, type = CaBundleDependent.class,
                useEventSourceWithName = ReferencedDataSources.SECRETS),
        @Dependent(name = "deployment", type = DeploymentDependent.class,
                reconcilePrecondition = CreatesDeployment.class,
                dependsOn = { SpinAppReconciler.RUNTIME_CONFIG, SpinAppReconciler.CA_BUNDLE }),
        @Dependent(name = "service", type = ServiceDependent.class) })
@ControllerConfiguration(name = SpinAppReconciler.NAME)
// Grants the OLM bundle needs beyond those of the dependents (read ConfigMaps, write Events, webhook configurations).
@RBACRule(apiGroups = "", resources = "configmaps", verbs = { "get", "list", "watch" })
// Events through the core v1 API only (EventRecorder): events.k8s.io is not needed, and operator-sdk's deprecated-API
// validator flags it (its v1beta1 was removed in Kubernetes 1.25).
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
@RBACRule(apiGroups = "admissionregistration.k8s.io",
        resources = { "mutatingwebhookconfigurations", "validatingwebhookconfigurations" },
        verbs = { "get", "list", "watch", "patch", "update" })
public class SpinAppReconciler implements Reconciler<SpinApp> {
    public static final String NAME = "spinapp";
    static final String RUNTIME_CONFIG = "runtime-config";
    static final String CA_BUNDLE = "ca-bundle";
    static final String ROLLOUT_STARTED = "RolloutStarted";
    static final String SCALED = "Scaled";
    /** A condition message is for people: the first thousand characters say what is wrong. */
    private static final int MAX_MESSAGE = 1000;
    private static final Logger LOG = Logger.getLogger(SpinAppReconciler.class);

    @Inject
    EventRecorder events;

    @Inject
    ManagedApps managedApps;

    @Inject
    AppsByExecutor appsByExecutor;

    private ExecutorSource executors;
    private ReferencedDataSources data;

    @Override
    public List<EventSource<?, SpinApp>> prepareEventSources(EventSourceContext<SpinApp> context) {
        var apps = context.getPrimaryCache();
        managedApps.watch(() -> apps.list());
        executors = new ExecutorSource(context);
        appsByExecutor.watch(apps);
        data = new ReferencedDataSources(context, executors);
        return List.of(executors.informer, data.secrets, data.configMaps);
    }

    @Override
    public UpdateControl<SpinApp> reconcile(SpinApp app, Context<SpinApp> context) {
        SpinAppExecutor executor = executors.of(app).orElse(null);
        var client = context.getClient();
        Plan plan = Plan.of(app, executor, (ns, needed) -> data.resolve(client, ns, needed));
        if (plan instanceof Plan.Apply apply) {
            announceChanges(app, apply.objects().deployment(), deployment(context));
            DesiredObjectsInContext.store(context, apply.objects());
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        }
        report(app, plan, context);
        return UpdateControl.noUpdate();
    }

    /**
     * What the API server refused (an object the rules let through but the server does not accept, a missing
     * permission) goes into the Ready condition; the reconcile is retried with back-off as usual.
     */
    @Override
    public ErrorStatusUpdateControl<SpinApp> updateErrorStatus(SpinApp app, Context<SpinApp> context, Exception e) {
        report(app, new Plan.Blocked(ReadyReason.ApplyFailed, describe(e)), context);
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    /** Writes the status the plan and the observed Deployment give, when it differs from the app's. */
    private void report(SpinApp app, Plan plan, Context<SpinApp> context) {
        SpinAppStatus next = AppStatus.next(app, plan, deployment(context), Instant.now());
        if (!next.equals(app.getStatus())) {
            announce(app, plan, next);
            writeStatus(app, next, context);
        }
    }

    /** The API server's own words where it answered (they name the object and field), else the exception's. */
    static String describe(Exception e) {
        Throwable failure = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AggregatedOperatorException a && !a.getAggregatedExceptions().isEmpty()) {
                failure = a.getAggregatedExceptions().values().iterator().next();
                break;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getStatus() != null
                    && k.getStatus().getMessage() != null) {
                return truncate("The API server refused a request: " + k.getStatus().getMessage());
            }
        }
        return truncate("Applying the app's objects failed: " + failure);
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }

    private static Deployment deployment(Context<SpinApp> context) {
        return context.getSecondaryResource(Deployment.class).orElse(null);
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
            events.normal(app, ROLLOUT_STARTED, "Referenced Secret or ConfigMap data changed: rolling the pods");
        }
        Integer from = observed.getSpec().getReplicas();
        Integer to = desired.getSpec().getReplicas();
        if (from != null && to != null && !from.equals(to)) {
            events.normal(app, SCALED, "Scaled from " + from + " to " + to + " replicas");
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
