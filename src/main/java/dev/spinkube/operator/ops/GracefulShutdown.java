package dev.spinkube.operator.ops;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.spinkube.operator.config.OperatorConfig;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * On SIGTERM, lets the reconciles in flight finish before QOSDK stops the operator. QOSDK stops JOSDK with a zero
 * termination timeout, and JOSDK shuts the reconcile and workflow executors down side by side: a reconcile in flight
 * is interrupted (an ERROR per app) or has the dependents it still schedules refused (RejectedExecutionException).
 * So first no new reconcile starts (the controllers stop), then the running ones get up to
 * {@code spin-operator.shutdown.reconcile-drain}, while the workflow executor still serves them.
 * <p>
 * {@code quarkus.operator-sdk.termination-timeout-seconds} must stay unset (see {@link OperatorInternals}).
 * {@code GracefulShutdownIT} sends SIGTERM while apps are being reconciled, with and without leader election.
 */
@ApplicationScoped
public class GracefulShutdown {
    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    @Inject
    Operator operator;

    @Inject
    OperatorConfig config;

    // after LeaseLoss notes that the process is stopping, before QOSDK stops the operator
    void drain(@Observes @Priority(2) ShutdownEvent event) throws InterruptedException {
        ExecutorService reconciles = operator.getConfigurationService().getExecutorServiceManager()
                .reconcileExecutorService();
        if (reconciles == null) {
            return; // the operator never started
        }
        OperatorInternals.stopProcessing(operator);
        reconciles.shutdown();
        long drain = config.shutdown().reconcileDrain().toMillis();
        if (!reconciles.awaitTermination(drain, TimeUnit.MILLISECONDS)) {
            LOG.warnf("Reconciles still running %d ms after SIGTERM are interrupted", drain);
        }
    }
}
