package dev.spinkube.operator.runtimeconfig;

import java.util.ArrayList;
import java.util.List;

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
        List<DataRef> refs = new ArrayList<>();
        if (rc == null) {
            return refs;
        }
        List<RuntimeConfigOption> options = new ArrayList<>();
        if (rc.keyValueStores != null) {
            rc.keyValueStores.forEach(kv -> addAll(options, kv.options));
        }
        if (rc.sqliteDatabases != null) {
            rc.sqliteDatabases.forEach(db -> addAll(options, db.options));
        }
        if (rc.llmCompute != null) {
            addAll(options, rc.llmCompute.options);
        }
        for (RuntimeConfigOption option : options) {
            DataRef ref = reference(option);
            if (ref != null && !refs.contains(ref)) {
                refs.add(ref);
            }
        }
        return refs;
    }

    static String valueOf(RuntimeConfigOption option, ResolvedReferences refs) {
        if (option.value != null && !option.value.isEmpty()) {
            return option.value;
        }
        DataRef ref = reference(option);
        return ref == null ? "" : refs.value(ref).orElse("");
    }

    static DataRef reference(RuntimeConfigOption option) {
        if (option.value != null && !option.value.isEmpty() || option.valueFrom == null) {
            return null;
        }
        var cm = option.valueFrom.configMapKeyRef;
        if (cm != null) {
            return DataRef.configMap(cm.getName(), cm.getKey(), cm.getOptional());
        }
        var secret = option.valueFrom.secretKeyRef;
        if (secret != null) {
            return DataRef.secret(secret.getName(), secret.getKey(), secret.getOptional());
        }
        return null;
    }

    private static void addAll(List<RuntimeConfigOption> into, List<RuntimeConfigOption> options) {
        if (options != null) {
            into.addAll(options);
        }
    }
}
