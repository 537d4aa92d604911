package dev.spinkube.operator.ops;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What a leader does when it stops leading. Losing the Lease while running: exit, so that a fresh process
 * re-joins as a standby instead of writing next to the new leader. Releasing it while stopping (SIGTERM): nothing.
 * JOSDK's own {@code exitOnStopLeading} calls System.exit there too, from inside the JVM's shutdown, which
 * blocks until the kubelet kills the pod (and kills a test JVM outright). {@code LeaderElection} wires these
 * callbacks in with {@code exitOnStopLeading=false}; {@code GracefulShutdownIT} checks the SIGTERM path.
 */
@ApplicationScoped
public class LeaseLoss {
    private static final Logger LOG = Logger.getLogger(LeaseLoss.class);

    private volatile boolean stopping;

    // before QOSDK stops the operator, which cancels the election and releases the Lease
    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    public LeaderCallbacks callbacks() {
        return new LeaderCallbacks(() -> LOG.info("Leading: this replica now reconciles"), this::stoppedLeading,
                leader -> LOG.infof("Lease held by %s", leader));
    }

    void stoppedLeading() {
        if (stopping) {
            LOG.info("Released the Lease on shutdown");
            return;
        }
        LOG.error("Lost the Lease: exiting so that a fresh process re-joins as a standby");
        Quarkus.asyncExit(1);
    }
}
