/**
 * The {@code core.spinkube.dev/v1alpha1} API: SpinApp and SpinAppExecutor. Types only, no logic;
 * the field docs here are what {@code kubectl explain} shows.
 */
package dev.spinkube.operator.api.v1alpha1;
