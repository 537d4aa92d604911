package dev.spinkube.operator.api.v1alpha1;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** RuntimeConfig defines configuration to be applied at runtime for this app. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = ObjectRules.DUPLICATE_KEY_VALUE_STORE, message = RuleMessages.DUPLICATE_KEY_VALUE_STORE,
        fieldPath = ".keyValueStores")
@ValidationRule(value = ObjectRules.DUPLICATE_SQLITE_DATABASE, message = RuleMessages.DUPLICATE_SQLITE_DATABASE,
        fieldPath = ".sqliteDatabases")
public class RuntimeConfig {
    @JsonPropertyDescription("LoadFromSecret is the name of the secret to load runtime config from. The\n"
            + "secret should have a single key named \"runtime-config.toml\" that contains\n"
            + "the base64 encoded runtime config. If this is provided all other runtime\n"
            + "config is ignored.")
    public String loadFromSecret;

    @JsonPropertyDescription("SqliteDatabases provides spin bindings to different SQLite database providers.\n"
            + "e.g on-disk or turso.")
    @Size(max = 64)
    public List<SqliteDatabaseConfig> sqliteDatabases;

    @Size(max = 64)
    public List<KeyValueStoreConfig> keyValueStores;

    public LlmComputeConfig llmCompute;

    // ---- null-safe reads (see package-info) ----

    public List<KeyValueStoreConfig> keyValueStores() {
        return keyValueStores == null ? List.of() : keyValueStores;
    }

    public List<SqliteDatabaseConfig> sqliteDatabases() {
        return sqliteDatabases == null ? List.of() : sqliteDatabases;
    }

    public Optional<String> loadFromSecret() {
        return Optional.ofNullable(loadFromSecret).filter(s -> !s.isEmpty());
    }

    public Optional<LlmComputeConfig> llmCompute() {
        return Optional.ofNullable(llmCompute);
    }
}
