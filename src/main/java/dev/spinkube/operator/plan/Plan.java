package dev.spinkube.operator.plan;

import java.util.List;
import java.util.stream.Collectors;

import dev.spinkube.operator.api.v1alpha1.ReadyReason;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.desired.DesiredObjects;
import dev.spinkube.operator.desired.DesiredState;
import dev.spinkube.operator.desired.ReferencedData;
import dev.spinkube.operator.spin.DataRef;
import dev.spinkube.operator.spin.ResolvedReferences;
import dev.spinkube.operator.validation.SpinAppRules;
import dev.spinkube.operator.validation.Violation;

/**
 * The one decision per SpinApp, shared by the reconciler and the offline renderer: either the objects
 * to apply, or why nothing may be applied (and the last good Deployment must be left as it is).
 */
public sealed interface Plan {

    /** Everything checked out: apply these. */
    record Apply(DesiredObjects objects) implements Plan {
        /** Whether the executor has the operator run the app's Deployment; otherwise only its Service is applied. */
        public boolean createsDeployment() {
            return objects.deployment() != null;
        }
    }

    /** Nothing is applied; {@code reason} goes into the Ready condition, {@code message} says what to fix. */
    record Blocked(ReadyReason reason, String message) implements Plan {
    }

    /** Reads the referenced Secret/ConfigMap keys of one namespace. */
    @FunctionalInterface
    interface ReferenceResolver {
        ResolvedReferences resolve(String namespace, ReferencedData needed);
    }

    static Plan of(SpinApp app, SpinAppExecutor executor, ReferenceResolver resolver) {
        String namespace = app.getMetadata().getNamespace();
        if (executor == null) {
            return new Blocked(ReadyReason.MissingExecutor,
                    "Could not find SpinAppExecutor " + namespace + "/" + app.getSpec().executor().orElse(""));
        }
        List<Violation> violations = SpinAppRules.check(app, executor);
        if (!violations.isEmpty()) {
            return new Blocked(ReadyReason.InvalidSpec,
                    violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
        ReferencedData needed = ReferencedData.of(app, executor);
        ResolvedReferences resolved = needed.all().isEmpty() ? ResolvedReferences.NONE
                : resolver.resolve(namespace, needed);
        List<DataRef> missing = needed.missing(resolved);
        if (!missing.isEmpty()) {
            return new Blocked(ReadyReason.MissingReference, missing.stream()
                    .map(r -> r.describe() + " does not exist in namespace \"" + namespace + "\"")
                    .collect(Collectors.joining("; ")));
        }
        return new Apply(DesiredState.of(app, executor, resolved));
    }
}
