package dev.spinkube.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeyValueStoreConfig {
    @Required
    @Size(max = 253)
    public String name;
    @Required
    public String type;
    public List<RuntimeConfigOption> options;

    // ---- null-safe reads (see package-info) ----

    public List<RuntimeConfigOption> options() {
        return options == null ? List.of() : options;
    }
}
