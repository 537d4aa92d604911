package dev.spinkube.operator.reconciler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import jakarta.inject.Inject;

/**
 * Holds back the deletion of an executor while SpinApps in its namespace still use it (finalizer
 * {@code core.spinkube.dev/finalizer}); the deletion completes within {@link #RECHECK} of the last of them being
 * gone (the apps are read from the SpinApp controller's cache, see {@link AppsByExecutor}).
 */
@ControllerConfiguration(name = SpinAppExecutorReconciler.NAME, finalizerName = SpinAppExecutorReconciler.FINALIZER)
public class SpinAppExecutorReconciler implements Reconciler<SpinAppExecutor>, Cleaner<SpinAppExecutor> {
    public static final String NAME = "spinappexecutor";
    public static final String FINALIZER = "core.spinkube.dev/finalizer";
    public static final String DELETION_BLOCKED = "DeletionBlocked";

    /** How often a blocked deletion looks again whether the executor's apps are gone. */
    static final Duration RECHECK = Duration.ofSeconds(2);

    @Inject
    EventRecorder events;

    @Inject
    AppsByExecutor appsByExecutor;

    /** The last DeletionBlocked message per executor uid: one event per change, not per retry. */
    private final Map<String, String> announced = new ConcurrentHashMap<>();

    @Override
    public UpdateControl<SpinAppExecutor> reconcile(SpinAppExecutor executor, Context<SpinAppExecutor> context) {
        return UpdateControl.noUpdate();
    }

    @Override
    public DeleteControl cleanup(SpinAppExecutor executor, Context<SpinAppExecutor> context) {
        String name = executor.getMetadata().getName();
        Optional<List<String>> known = appsByExecutor.of(executor);
        if (known.isEmpty()) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RECHECK);
        }
        List<String> users = known.get();
        String uid = executor.getMetadata().getUid();
        if (users.isEmpty()) {
            announced.remove(uid);
            return DeleteControl.defaultDelete();
        }
        String message = "SpinAppExecutor " + name + " is still used by " + users.size() + " SpinApp(s) in namespace "
                + executor.getMetadata().getNamespace() + ": "
                + String.join(", ", users.subList(0, Math.min(10, users.size())))
                + (users.size() > 10 ? " and " + (users.size() - 10) + " more" : "")
                + "; it is deleted once they are gone";
        if (!message.equals(announced.put(uid, message))) {
            events.warning(executor, DELETION_BLOCKED, message);
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(RECHECK);
    }
}
