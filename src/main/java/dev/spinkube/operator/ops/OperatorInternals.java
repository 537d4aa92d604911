package dev.spinkube.operator.ops;

import java.util.Map;
import java.util.Set;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.processing.Controller;

/**
 * Every place the operator leans on the Java Operator SDK (JOSDK) or its Quarkus extension (QOSDK) beyond their
 * documented API, each with the reason. {@code OperatorInternalsTest} fails when an upgrade changes one of them: it
 * checks each assumption below and the versions they were checked with ({@link #CHECKED_WITH}); after an upgrade,
 * run {@code GracefulShutdownIT} and {@code LeaderElectionReadinessTest} and update the versions. No other class may
 * import JOSDK's {@code processing.Controller} ({@code ArchitectureTest}).
 * <ol>
 * <li><b>Stopping event processing before the executors stop</b> ({@link #stopProcessing}): on SIGTERM QOSDK stops
 * JOSDK with a zero termination timeout, which interrupts the reconciles in flight. {@link GracefulShutdown} first
 * stops the controllers (a cast of JOSDK's {@link RegisteredController} to its {@link Controller}), then drains.</li>
 * <li><b>Observer order</b>: QOSDK starts the operator on {@code StartupEvent} at priority {@link #QOSDK_STARTS} and
 * stops it on {@code ShutdownEvent} at the default priority ({@link #QOSDK_STOPS}); {@link ClusterCheck} must run
 * before the start, {@link LeaseLoss} and {@link GracefulShutdown} before the stop.</li>
 * <li><b>Leadership from the controllers</b> ({@link #processingEvents}): JOSDK offers no "am I leading"; it starts
 * each controller's event processor on winning the Lease, so the processors say it without an API call.</li>
 * <li><b>No JOSDK exit on losing the Lease</b>: {@link LeaderElection} passes {@code exitOnStopLeading=false}, because
 * JOSDK's exit runs inside the JVM's shutdown too and blocks it; {@link LeaseLoss} exits only on a real loss.</li>
 * <li><b>No {@code quarkus.operator-sdk.termination-timeout-seconds}</b>: set, QOSDK installs JOSDK's shutdown hook
 * when leader election is off, and that hook stops everything at once, beside the drain.</li>
 * </ol>
 */
public final class OperatorInternals {
    /** The versions the assumptions above were last checked with, by Maven artifact. */
    public static final Map<String, String> CHECKED_WITH = Map.of(
            "io.javaoperatorsdk:operator-framework-core", "5.1.4",
            "io.quarkiverse.operatorsdk:quarkus-operator-sdk", "7.2.2");

    /** QOSDK's {@code AppEventListener.onStartup} priority. */
    public static final int QOSDK_STARTS = 3123;

    /** QOSDK's {@code AppEventListener.onShutdown}: no priority, so CDI's default. */
    public static final int QOSDK_STOPS = jakarta.interceptor.Interceptor.Priority.APPLICATION + 500;

    private OperatorInternals() {
    }

    /** Stops every controller's event processing: no reconcile starts after this, the running ones go on. */
    static void stopProcessing(Operator operator) {
        operator.getRegisteredControllers().forEach(c -> controller(c).stop());
    }

    /** True once every controller processes events: at start without leader election, on winning the Lease with it. */
    static boolean processingEvents(Operator operator) {
        Set<RegisteredController> controllers = operator.getRegisteredControllers();
        return operator.getRuntimeInfo().isStarted() && !controllers.isEmpty()
                && controllers.stream().allMatch(c -> controller(c).getEventProcessor().isRunning());
    }

    private static Controller<?> controller(RegisteredController<?> registered) {
        if (registered instanceof Controller<?> controller) {
            return controller;
        }
        throw new IllegalStateException("JOSDK registered " + registered.getClass().getName()
                + ", not its processing.Controller: see OperatorInternals");
    }
}
