package dev.spinkube.operator.reconciler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;

/**
 * Holds back the deletion of an executor while SpinApps in its namespace still use it (finalizer
 * {@code core.spinkube.dev/finalizer}); the deletion completes as soon as the last of them is gone.
 */
@ControllerConfiguration(name = SpinAppExecutorReconciler.NAME, finalizerName = SpinAppExecutorReconciler.FINALIZER)
public class SpinAppExecutorReconciler implements Reconciler<SpinAppExecutor>, Cleaner<SpinAppExecutor> {
    public static final String NAME = "spinappexecutor";
    public static final String FINALIZER = "core.spinkube.dev/finalizer";
    public static final String DELETION_BLOCKED = "DeletionBlocked";

    @Inject
    EventRecorder events;

    private InformerEventSource<SpinApp, SpinAppExecutor> apps;
    /** The last DeletionBlocked message per executor uid: one event per change, not per retry. */
    private final Map<String, String> announced = new ConcurrentHashMap<>();

    @Override
    public List<EventSource<?, SpinAppExecutor>> prepareEventSources(EventSourceContext<SpinAppExecutor> context) {
        apps = new InformerEventSource<>(InformerEventSourceConfiguration.from(SpinApp.class, SpinAppExecutor.class)
                .withName("apps")
                .withSecondaryToPrimaryMapper(app -> app.getSpec().executor == null ? Set.of()
                        : Set.of(new ResourceID(app.getSpec().executor, app.getMetadata().getNamespace())))
                .build(), context);
        return List.of(apps);
    }

    @Override
    public UpdateControl<SpinAppExecutor> reconcile(SpinAppExecutor executor, Context<SpinAppExecutor> context) {
        return UpdateControl.noUpdate();
    }

    @Override
    public DeleteControl cleanup(SpinAppExecutor executor, Context<SpinAppExecutor> context) {
        String name = executor.getMetadata().getName();
        List<String> users = apps.list(executor.getMetadata().getNamespace())
                .filter(a -> name.equals(a.getSpec().executor)).map(a -> a.getMetadata().getName()).sorted().toList();
        String uid = executor.getMetadata().getUid();
        if (users.isEmpty()) {
            announced.remove(uid);
            return DeleteControl.defaultDelete();
        }
        String message = "SpinAppExecutor " + name + " is still used by " + users.size() + " SpinApp(s) in namespace "
                + executor.getMetadata().getNamespace() + ": " + String.join(", ", users.subList(0, Math.min(10, users.size())))
                + (users.size() > 10 ? " and " + (users.size() - 10) + " more" : "")
                + "; it is deleted once they are gone";
        if (!message.equals(announced.put(uid, message))) {
            events.warning(executor, DELETION_BLOCKED, message);
        }
        return DeleteControl.noFinalizerRemoval();
    }
}
