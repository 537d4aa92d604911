package dev.spinkube.operator.runtimeconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.spinkube.operator.api.v1alpha1.RuntimeConfig;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfigOption;
import dev.spinkube.operator.spin.DataRef;
import dev.spinkube.operator.spin.ResolvedReferences;

/** Where each runtime-config option takes its value from: inline, or a Secret or ConfigMap key. */
public final class OptionValues {
    private OptionValues() {
    }

    /** The Secret/ConfigMap keys whose values the rendered runtime config contains. */
    public static List<DataRef> references(RuntimeConfig rc) {
        List<RuntimeConfigOption> options = new ArrayList<>();
        rc.keyValueStores().forEach(kv -> options.addAll(kv.options()));
        rc.sqliteDatabases().forEach(db -> options.addAll(db.options()));
        rc.llmCompute().ifPresent(llm -> options.addAll(llm.options()));
        List<DataRef> refs = new ArrayList<>();
        for (RuntimeConfigOption option : options) {
            reference(option).filter(ref -> !refs.contains(ref)).ifPresent(refs::add);
        }
        return refs;
    }

    static String valueOf(RuntimeConfigOption option, ResolvedReferences refs) {
        return option.value().orElseGet(() -> reference(option).flatMap(refs::value).orElse(""));
    }

    /** An inline value wins over valueFrom; of valueFrom, a ConfigMap key wins over a Secret key. */
    static Optional<DataRef> reference(RuntimeConfigOption option) {
        if (option.value().isPresent() || option.valueFrom() == null) {
            return Optional.empty();
        }
        var cm = option.valueFrom().configMapKeyRef();
        if (cm != null) {
            return Optional.of(DataRef.configMap(cm.getName(), cm.getKey(), cm.getOptional()));
        }
        var secret = option.valueFrom().secretKeyRef();
        if (secret != null) {
            return Optional.of(DataRef.secret(secret.getName(), secret.getKey(), secret.getOptional()));
        }
        return Optional.empty();
    }
}
