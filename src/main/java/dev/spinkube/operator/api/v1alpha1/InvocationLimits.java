package dev.spinkube.operator.api.v1alpha1;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;

@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
@ValidationRule(value = ObjectRules.INVOCATION_MEMORY_QUANTITY, message = RuleMessages.INVOCATION_MEMORY_QUANTITY,
        fieldPath = ".memory")
public class InvocationLimits {
    @JsonPropertyDescription("Memory is the maximum amount of memory each invocation of the app may use, as a "
            + "Kubernetes quantity (e.g. 128Mi).")
    @Size(max = 64)
    String memory;

    // ---- reads, with their defaults (see package-info) ----

    public Optional<String> memory() {
        return Optional.ofNullable(memory).filter(s -> !s.isEmpty());
    }

    // ---- writes (see package-info) ----

    public void setMemory(String memory) {
        this.memory = memory;
    }

    // ---- what the generated builders copy: the fields as they are ----

    String getMemory() {
        return memory;
    }
}
