package dev.spinkube.operator.desired;

import java.util.Comparator;
import java.util.List;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;

/**
 * An app that names no executor gets the alphabetically first executor of its own namespace
 * (upstream looks across namespaces, which picks executors the app cannot use).
 */
public final class DefaultExecutor {
    private DefaultExecutor() {
    }

    /** Sets {@code spec.executor} when empty; returns whether it changed the app. */
    public static boolean apply(SpinApp app, List<SpinAppExecutor> executorsInNamespace) {
        if (app.getSpec().executor().isPresent()) {
            return false;
        }
        return executorsInNamespace.stream().map(e -> e.getMetadata().getName()).min(Comparator.naturalOrder())
                .map(name -> {
                    app.getSpec().setExecutor(name);
                    return true;
                }).orElse(false);
    }
}
