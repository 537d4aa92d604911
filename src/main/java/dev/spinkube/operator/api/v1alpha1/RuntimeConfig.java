package dev.spinkube.operator.api.v1alpha1;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;

/** RuntimeConfig defines configuration to be applied at runtime for this app. */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
@ValidationRule(value = ObjectRules.DUPLICATE_KEY_VALUE_STORE, message = RuleMessages.DUPLICATE_KEY_VALUE_STORE,
        fieldPath = ".keyValueStores")
@ValidationRule(value = ObjectRules.DUPLICATE_SQLITE_DATABASE, message = RuleMessages.DUPLICATE_SQLITE_DATABASE,
        fieldPath = ".sqliteDatabases")
public class RuntimeConfig {
    @JsonPropertyDescription("LoadFromSecret is the name of the secret to load runtime config from. The\n"
            + "secret should have a single key named \"runtime-config.toml\" that contains\n"
            + "the base64 encoded runtime config. If this is provided all other runtime\n"
            + "config is ignored.")
    String loadFromSecret;

    @JsonPropertyDescription("SqliteDatabases provides spin bindings to different SQLite database providers.\n"
            + "e.g on-disk or turso.")
    @Size(max = 64)
    List<SqliteDatabaseConfig> sqliteDatabases;

    @Size(max = 64)
    List<KeyValueStoreConfig> keyValueStores;

    LlmComputeConfig llmCompute;

    // ---- reads, with their defaults (see package-info) ----

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

    // ---- writes (see package-info) ----

    public void setLoadFromSecret(String loadFromSecret) {
        this.loadFromSecret = loadFromSecret;
    }

    public void setSqliteDatabases(List<SqliteDatabaseConfig> sqliteDatabases) {
        this.sqliteDatabases = sqliteDatabases;
    }

    public void setKeyValueStores(List<KeyValueStoreConfig> keyValueStores) {
        this.keyValueStores = keyValueStores;
    }

    public void setLlmCompute(LlmComputeConfig llmCompute) {
        this.llmCompute = llmCompute;
    }

    // ---- what the generated builders copy: the fields as they are ----

    String getLoadFromSecret() {
        return loadFromSecret;
    }

    List<SqliteDatabaseConfig> getSqliteDatabases() {
        return sqliteDatabases;
    }

    List<KeyValueStoreConfig> getKeyValueStores() {
        return keyValueStores;
    }

    LlmComputeConfig getLlmCompute() {
        return llmCompute;
    }
}
