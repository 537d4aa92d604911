package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeConfigVarSource {
    @JsonPropertyDescription("Selects a key of a ConfigMap.")
    public ConfigMapKeySelector configMapKeyRef;

    @JsonPropertyDescription("Selects a key of a secret in the apps namespace")
    public SecretKeySelector secretKeyRef;
}
