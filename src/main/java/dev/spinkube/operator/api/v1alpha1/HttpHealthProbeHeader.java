package dev.spinkube.operator.api.v1alpha1;


import io.fabric8.generator.annotation.Required;
import io.sundr.builder.annotations.Buildable;

/** HTTPHealthProbeHeader is an abstraction around a http header key/value pair. */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class HttpHealthProbeHeader {
    @Required
    String name;
    @Required
    String value;

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    // ---- writes (see package-info) ----

    public void setName(String name) {
        this.name = name;
    }

    public void setValue(String value) {
        this.value = value;
    }

    // ---- what the generated builders copy: the fields as they are ----

    String getName() {
        return name;
    }

    String getValue() {
        return value;
    }
}
