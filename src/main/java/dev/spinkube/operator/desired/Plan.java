package dev.spinkube.operator.desired;

import java.util.List;
import java.util.stream.Collectors;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
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
    }

    /** Nothing is applied; {@code reason} is the Ready condition's reason, {@code message} says what to fix. */
    record Blocked(String reason, String message) implements Plan {
    }

    String MISSING_EXECUTOR = "MissingExecutor";
    String INVALID_SPEC = "InvalidSpec";
    String MISSING_REFERENCE = "MissingReference";

    /** Reads the referenced Secret/ConfigMap keys of one namespace. */
    @FunctionalInterface
    interface ReferenceResolver {
        ResolvedReferences resolve(String namespace, ReferencedData needed);
    }

    static Plan of(SpinApp app, SpinAppExecutor executor, ReferenceResolver resolver) {
        String namespace = app.getMetadata().getNamespace();
        if (executor == null) {
            return new Blocked(MISSING_EXECUTOR,
                    "Could not find SpinAppExecutor " + namespace + "/" + app.getSpec().executor);
        }
        List<Violation> violations = SpinAppRules.check(app, executor);
        if (!violations.isEmpty()) {
            return new Blocked(INVALID_SPEC, violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
        ReferencedData needed = ReferencedData.of(app, executor);
        ResolvedReferences resolved = needed.all().isEmpty() ? ResolvedReferences.NONE
                : resolver.resolve(namespace, needed);
        List<DataRef> missing = needed.missing(resolved);
        if (!missing.isEmpty()) {
            return new Blocked(MISSING_REFERENCE, missing.stream()
                    .map(r -> r.describe() + " does not exist in namespace \"" + namespace + "\"")
                    .collect(Collectors.joining("; ")));
        }
        return new Apply(DesiredState.of(app, executor, resolved));
    }
}
