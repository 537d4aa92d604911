package dev.spinkube.operator.api.v1alpha1;

/**
 * The reasons of a SpinApp's Ready condition, each with the condition status it goes with. Users, alerts and the
 * {@code spin_operator_managed_apps} metric match on these words, so they are part of the API; the constants are
 * spelled as the status shows them, like the kinds in {@code DataRef.Kind}.
 */
public enum ReadyReason {
    /** Every wanted replica is ready and the Deployment is Available. */
    AppReady(SpinAppStatus.TRUE),
    /** The executor runs the app outside the operator; its Service is in place. */
    ExternallyDeployed(SpinAppStatus.TRUE),
    PodsNotReady(SpinAppStatus.FALSE),
    DeploymentNotFound(SpinAppStatus.FALSE),
    MissingExecutor(SpinAppStatus.FALSE),
    /** A rule is broken; nothing is applied and the last good Deployment keeps running. */
    InvalidSpec(SpinAppStatus.FALSE),
    /** A Secret or ConfigMap key the app needs does not exist; nothing is applied. */
    MissingReference(SpinAppStatus.FALSE),
    /**
     * The API server refused an object the operator applied (or could not be reached); the message is its answer.
     * Retried with back-off; the last good Deployment keeps running.
     */
    ApplyFailed(SpinAppStatus.FALSE),
    /** No Ready condition yet: the operator has not reconciled the app. Never written, only counted. */
    Pending(SpinAppStatus.UNKNOWN);

    private final String status;

    ReadyReason(String status) {
        this.status = status;
    }

    /** The Ready condition's status with this reason: True, False or Unknown. */
    public String status() {
        return status;
    }
}
