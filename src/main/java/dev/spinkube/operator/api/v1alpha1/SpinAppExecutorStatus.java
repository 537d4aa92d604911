package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** SpinAppExecutorStatus defines the observed state of SpinAppExecutor */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SpinAppExecutorStatus {
}
