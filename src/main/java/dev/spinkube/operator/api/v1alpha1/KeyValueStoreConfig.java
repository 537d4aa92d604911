package dev.spinkube.operator.api.v1alpha1;

import java.util.List;


import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.sundr.builder.annotations.Buildable;

@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class KeyValueStoreConfig {
    @Required
    @Size(max = 253)
    String name;
    @Required
    String type;
    List<RuntimeConfigOption> options;

    // ---- reads, with their defaults (see package-info) ----

    public List<RuntimeConfigOption> options() {
        return options == null ? List.of() : options;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    // ---- writes (see package-info) ----

    public void setName(String name) {
        this.name = name;
    }

    public void setType(String type) {
        this.type = type;
    }

    public void setOptions(List<RuntimeConfigOption> options) {
        this.options = options;
    }

    // ---- what the generated builders copy: the fields as they are ----

    String getName() {
        return name;
    }

    String getType() {
        return type;
    }

    List<RuntimeConfigOption> getOptions() {
        return options;
    }
}
