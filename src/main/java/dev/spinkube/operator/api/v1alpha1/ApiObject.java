package dev.spinkube.operator.api.v1alpha1;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a type of this API is read and written as JSON (and described in the CRDs): by its fields, which are
 * package-private, never through its accessors, which apply defaults; unset fields are left out. Code outside this
 * package reads through the accessors and writes through the setters or the generated builders.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@JacksonAnnotationsInside
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public @interface ApiObject {
    /** sundrio's builders extend fabric8's builder classes, as the Kubernetes model's own builders do. */
    String BUILDER_PACKAGE = "io.fabric8.kubernetes.api.builder";
}
