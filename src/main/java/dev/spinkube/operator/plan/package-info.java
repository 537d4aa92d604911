/**
 * The one decision per SpinApp, above the rules ({@code validation}) and the objects ({@code desired}) it weighs:
 * apply these objects, or apply nothing and say why. The reconciler and the offline renderer both ask it.
 */
package dev.spinkube.operator.plan;
