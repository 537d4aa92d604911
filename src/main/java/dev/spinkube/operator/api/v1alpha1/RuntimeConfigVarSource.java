package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.sundr.builder.annotations.Buildable;

@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class RuntimeConfigVarSource {
    @JsonPropertyDescription("Selects a key of a ConfigMap.")
    ConfigMapKeySelector configMapKeyRef;

    @JsonPropertyDescription("Selects a key of a secret in the apps namespace")
    SecretKeySelector secretKeyRef;

    public ConfigMapKeySelector configMapKeyRef() {
        return configMapKeyRef;
    }

    public SecretKeySelector secretKeyRef() {
        return secretKeyRef;
    }

    // ---- writes (see package-info) ----

    public void setConfigMapKeyRef(ConfigMapKeySelector configMapKeyRef) {
        this.configMapKeyRef = configMapKeyRef;
    }

    public void setSecretKeyRef(SecretKeySelector secretKeyRef) {
        this.secretKeyRef = secretKeyRef;
    }

    // ---- what the generated builders copy: the fields as they are ----

    ConfigMapKeySelector getConfigMapKeyRef() {
        return configMapKeyRef;
    }

    SecretKeySelector getSecretKeyRef() {
        return secretKeyRef;
    }
}
