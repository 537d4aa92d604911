/**
 * The {@code core.spinkube.dev/v1alpha1} API: SpinApp and SpinAppExecutor, and their contract: the rules every
 * object must follow ({@link dev.spinkube.operator.api.v1alpha1.ObjectRules}, with their
 * {@link dev.spinkube.operator.api.v1alpha1.RuleMessages}) and the reasons of the Ready condition
 * ({@link dev.spinkube.operator.api.v1alpha1.ReadyReason}). The field docs here are what {@code kubectl explain}
 * shows. Imports nothing of the operator but its vocabulary ({@code spin}).
 *
 * <p>One way to read, one way to write. Fields are package-private and nullable: JSON and the CRDs come from them
 * ({@link dev.spinkube.operator.api.v1alpha1.ApiObject}), and only the rules of this package, which must tell "unset"
 * from "empty", read them. Everyone else reads through the accessor of the same name, which applies the default:
 * an empty list or map for an unset one, an {@code Optional} of a string that is set and not empty, {@code false}
 * for an unset Boolean, an empty object for an unset runtime or deployment config; a field without a default reads
 * as it is (null when unset). Code writes through the setters; tests build objects with the builders sundrio
 * generates ({@code SpinAppSpecBuilder}, ...), which copy an existing object through the package-private
 * {@code getX()} methods, the fields as they are.
 */
package dev.spinkube.operator.api.v1alpha1;
