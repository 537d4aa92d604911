/**
 * The words every layer shares, at the bottom so that any package may read them and none is read back: Spin's
 * environment variables, listen address, mounted files and ports, the labels the operator selects its objects by,
 * and the Secret/ConfigMap keys apps refer to ({@link dev.spinkube.operator.spin.DataRef}) with what they hold
 * ({@link dev.spinkube.operator.spin.ResolvedReferences}), read from the objects one way
 * ({@link dev.spinkube.operator.spin.DataValues}). Imports nothing else of the operator.
 */
package dev.spinkube.operator.spin;
