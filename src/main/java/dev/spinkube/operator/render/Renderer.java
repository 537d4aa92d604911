package dev.spinkube.operator.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.desired.DefaultExecutor;
import dev.spinkube.operator.desired.DesiredObjects;
import dev.spinkube.operator.desired.ReferencedData;
import dev.spinkube.operator.plan.Plan;
import dev.spinkube.operator.spin.DataRef;
import dev.spinkube.operator.spin.DataValues;
import dev.spinkube.operator.spin.ResolvedReferences;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Offline rendering: SpinApps, executors and the Secrets/ConfigMaps they use, read from files, turned
 * into the objects the operator would apply, without a cluster (GitOps review, air-gapped checks).
 */
public final class Renderer {

    /** What the plan wants applied for one app. */
    public record Rendered(SpinApp app, DesiredObjects objects) {
    }

    /** The objects of every app that could be rendered, and one error line per app that could not. */
    public record Result(List<Rendered> apps, List<String> errors) {
    }

    private Renderer() {
    }

    public static Result render(Manifests in, String defaultNamespace) {
        in.apps.forEach(a -> defaultNamespace(a, defaultNamespace));
        in.executors.forEach(e -> defaultNamespace(e, defaultNamespace));
        in.secrets.forEach(s -> defaultNamespace(s, defaultNamespace));
        in.configMaps.forEach(c -> defaultNamespace(c, defaultNamespace));

        List<Rendered> rendered = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<SpinApp> apps = new ArrayList<>(in.apps);
        apps.sort(Comparator.comparing((SpinApp a) -> a.getMetadata().getNamespace())
                .thenComparing(a -> a.getMetadata().getName()));
        for (SpinApp app : apps) {
            String ns = app.getMetadata().getNamespace();
            List<SpinAppExecutor> inNamespace = in.executors.stream()
                    .filter(e -> ns.equals(e.getMetadata().getNamespace())).toList();
            DefaultExecutor.apply(app, inNamespace);
            SpinAppExecutor executor = inNamespace.stream()
                    .filter(e -> app.getSpec().executor().filter(e.getMetadata().getName()::equals).isPresent()).findFirst().orElse(null);
            Plan plan = Plan.of(app, executor, (namespace, needed) -> resolve(in, namespace, needed));
            String id = "SpinApp " + ns + "/" + app.getMetadata().getName();
            if (plan instanceof Plan.Apply apply) {
                rendered.add(new Rendered(app, apply.objects()));
            } else if (plan instanceof Plan.Blocked blocked) {
                errors.add(id + ": " + blocked.reason() + ": " + blocked.message());
            }
        }
        return new Result(rendered, errors);
    }

    private static void defaultNamespace(HasMetadata o, String namespace) {
        if (o.getMetadata().getNamespace() == null || o.getMetadata().getNamespace().isEmpty()) {
            o.getMetadata().setNamespace(namespace);
        }
    }

    static ResolvedReferences resolve(Manifests in, String namespace, ReferencedData needed) {
        Map<DataRef, String> values = new HashMap<>();
        for (DataRef ref : needed.all()) {
            String value = switch (ref.kind()) {
                case Secret -> in.secrets.stream().filter(s -> matches(s, namespace, ref)).findFirst()
                        .flatMap(s -> DataValues.text(s, ref.key())).orElse(null);
                case ConfigMap -> in.configMaps.stream().filter(c -> matches(c, namespace, ref)).findFirst()
                        .flatMap(c -> DataValues.text(c, ref.key())).orElse(null);
            };
            if (value != null) {
                values.put(ref, value);
            }
        }
        return ResolvedReferences.ofValues(values);
    }

    private static boolean matches(HasMetadata o, String namespace, DataRef ref) {
        return namespace.equals(o.getMetadata().getNamespace()) && ref.name().equals(o.getMetadata().getName());
    }
}
