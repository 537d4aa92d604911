package dev.spinkube.operator.runtimeconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.spinkube.operator.api.v1alpha1.KeyValueStoreConfig;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfig;
import dev.spinkube.operator.api.v1alpha1.RuntimeConfigOption;
import dev.spinkube.operator.api.v1alpha1.SqliteDatabaseConfig;
import dev.spinkube.operator.spin.ResolvedReferences;
import dev.spinkube.operator.spin.SpinEnv;

/**
 * Renders a SpinApp's {@code runtimeConfig} as Spin's runtime-config.toml: the env variables provider
 * (prefix {@code SPIN_VARIABLE_}), then {@code [key_value_store.<name>]}, {@code [sqlite_database.<name>]}
 * and {@code [llm_compute]} tables, each with its {@code type} and options (keys sorted), option values
 * taken from the resolved Secret/ConfigMap keys.
 */
public final class RuntimeConfigToml {
    private RuntimeConfigToml() {
    }

    public static String render(RuntimeConfig rc, ResolvedReferences refs) {
        TomlWriter toml = new TomlWriter();
        Map<String, String> provider = new LinkedHashMap<>();
        provider.put("type", "env");
        provider.put("prefix", SpinEnv.VARIABLE_PREFIX);
        toml.arrayTable("config_provider").values(provider);
        Map<String, Map<String, String>> stores = new TreeMap<>();
        for (KeyValueStoreConfig kv : rc.keyValueStores()) {
            stores.put(kv.name(), options(kv.type(), kv.options(), refs));
        }
        Map<String, Map<String, String>> databases = new TreeMap<>();
        for (SqliteDatabaseConfig db : rc.sqliteDatabases()) {
            databases.put(db.name(), options(db.type(), db.options(), refs));
        }
        nested(toml, "key_value_store", stores);
        nested(toml, "sqlite_database", databases);
        rc.llmCompute().ifPresent(llm -> toml.table("llm_compute").values(options(llm.type(), llm.options(), refs)));
        return toml.toString();
    }

    private static void nested(TomlWriter toml, String table, Map<String, Map<String, String>> entries) {
        if (entries.isEmpty()) {
            return;
        }
        toml.table(table);
        entries.forEach((name, values) -> toml.table(table, name).values(values));
    }

    private static Map<String, String> options(String type, List<RuntimeConfigOption> options,
            ResolvedReferences refs) {
        Map<String, String> values = new TreeMap<>();
        values.put("type", type);
        for (RuntimeConfigOption option : options) {
            values.put(option.name(), OptionValues.valueOf(option, refs));
        }
        return values;
    }
}
