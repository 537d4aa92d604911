package dev.spinkube.operator.spin;

import io.fabric8.kubernetes.api.model.Container;

/**
 * Kubernetes' native sidecar: an init container with {@code restartPolicy: Always} starts before the app and runs
 * for the pod's whole life; an init container without restartPolicy runs to completion first.
 */
public final class NativeSidecar {
    public static final String RESTART_POLICY = "Always";

    private NativeSidecar() {
    }

    public static boolean is(Container c) {
        return RESTART_POLICY.equals(c.getRestartPolicy());
    }
}
