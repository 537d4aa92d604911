/**
 * The {@code core.spinkube.dev/v1alpha1} API: SpinApp and SpinAppExecutor, and their contract: the rules every
 * object must follow ({@link dev.spinkube.operator.api.v1alpha1.ObjectRules}, with their
 * {@link dev.spinkube.operator.api.v1alpha1.RuleMessages}) and the reasons of the Ready condition
 * ({@link dev.spinkube.operator.api.v1alpha1.ReadyReason}). The field docs here are what {@code kubectl explain}
 * shows. Imports nothing of the operator but its vocabulary ({@code spin}).
 *
 * <p>Fields are public and nullable, as Jackson and the CRD generator want them. Code reads them through the
 * method of the same name, which is safe: an empty list or map for an unset one, an {@code Optional} of a string
 * that is set and not empty, {@code false} for an unset Boolean, an empty object for an unset runtime or
 * deployment config. A rule that must tell "unset" from "empty" reads the field itself.
 */
package dev.spinkube.operator.api.v1alpha1;
