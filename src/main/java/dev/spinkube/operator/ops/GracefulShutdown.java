package dev.spinkube.operator.ops;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.Controller;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * On SIGTERM, lets the reconciles in flight finish before QOSDK stops the operator. QOSDK stops JOSDK with a zero
 * termination timeout ({@code quarkus.operator-sdk.termination-timeout-seconds} only reaches JOSDK's own shutdown
 * hook, which leader election turns off), and JOSDK shuts the reconcile and workflow executors down side by side: a
 * reconcile in flight is interrupted (an ERROR per app) or has the dependents it still schedules refused
 * (RejectedExecutionException). So first no new reconcile starts (the controllers stop), then the running ones get up
 * to the termination timeout, while the workflow executor still serves them. {@code GracefulShutdownIT} sends SIGTERM
 * while apps are being reconciled.
 */
@ApplicationScoped
public class GracefulShutdown {
    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    @Inject
    Operator operator;

    @ConfigProperty(name = "quarkus.operator-sdk.termination-timeout-seconds", defaultValue = "15")
    int terminationTimeoutSeconds;

    // after LeaseLoss notes that the process is stopping, before QOSDK stops the operator
    void drain(@Observes @Priority(2) ShutdownEvent event) throws InterruptedException {
        ExecutorService reconciles = operator.getConfigurationService().getExecutorServiceManager()
                .reconcileExecutorService();
        if (reconciles == null) {
            return; // the operator never started
        }
        operator.getRegisteredControllers().forEach(c -> ((Controller<?>) c).stop());
        reconciles.shutdown();
        if (!reconciles.awaitTermination(terminationTimeoutSeconds, TimeUnit.SECONDS)) {
            LOG.warnf("Reconciles still running %d s after SIGTERM are interrupted", terminationTimeoutSeconds);
        }
    }
}
