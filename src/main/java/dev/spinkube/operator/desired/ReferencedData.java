package dev.spinkube.operator.desired;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;
import dev.spinkube.operator.api.v1alpha1.SpinVar;
import dev.spinkube.operator.runtimeconfig.OptionValues;
import dev.spinkube.operator.spin.DataRef;
import dev.spinkube.operator.spin.MountedFiles;
import dev.spinkube.operator.spin.ResolvedReferences;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;

/**
 * Every Secret/ConfigMap key a SpinApp depends on: variables, env (app and executor), runtime-config
 * options, {@code loadFromSecret} and the CA bundle. A change to any of them rolls the pods.
 */
public record ReferencedData(Set<DataRef> all, Set<DataRef> valuesNeeded) {

    public static ReferencedData of(SpinApp app, SpinAppExecutor executor) {
        SpinAppSpec spec = app.getSpec();
        ExecutorDeploymentConfig config = executor == null ? new ExecutorDeploymentConfig()
                : executor.getSpec().deploymentConfig();
        Set<DataRef> all = new TreeSet<>();
        for (SpinVar v : spec.variables()) {
            add(all, v.valueFrom());
        }
        spec.env().forEach(e -> add(all, e));
        config.env().forEach(e -> add(all, e));
        Set<DataRef> values = new TreeSet<>();
        Optional<String> usersRuntimeConfig = spec.runtimeConfig().loadFromSecret();
        if (usersRuntimeConfig.isPresent()) {
            all.add(DataRef.secret(usersRuntimeConfig.get(), MountedFiles.RUNTIME_CONFIG_KEY, false));
        } else {
            values.addAll(OptionValues.references(spec.runtimeConfig()));
            all.addAll(values);
        }
        // A CA bundle the operator installs itself has fixed content: it never needs a rollout.
        if (!config.installDefaultCACerts()) {
            DesiredState.caSecretName(config).ifPresent(ca -> all.add(DataRef.secret(ca, MountedFiles.CA_KEY, true)));
        }
        return new ReferencedData(all, values);
    }

    /** The references that must exist (not optional) but are absent. */
    public List<DataRef> missing(ResolvedReferences resolved) {
        return all.stream().filter(r -> !r.optional() && !resolved.isPresent(r)).toList();
    }

    /** A hash of the digests of every referenced key, or null when the app refers to no data. */
    public String hash(ResolvedReferences resolved) {
        if (all.isEmpty()) {
            return null;
        }
        // One line per key: a key referenced both required and optionally weighs as much as one referenced once.
        String lines = all.stream()
                .map(r -> r.kind() + "/" + r.name() + "/" + r.key() + "=" + resolved.digests().getOrDefault(r, ""))
                .distinct().collect(Collectors.joining("\n"));
        return ResolvedReferences.digest(lines).substring(0, 16);
    }

    private static void add(Set<DataRef> refs, EnvVar env) {
        add(refs, env.getValueFrom());
    }

    private static void add(Set<DataRef> refs, EnvVarSource source) {
        if (source == null) {
            return;
        }
        if (source.getSecretKeyRef() != null) {
            var s = source.getSecretKeyRef();
            refs.add(DataRef.secret(s.getName(), s.getKey(), s.getOptional()));
        }
        if (source.getConfigMapKeyRef() != null) {
            var c = source.getConfigMapKeyRef();
            refs.add(DataRef.configMap(c.getName(), c.getKey(), c.getOptional()));
        }
    }
}
