package dev.spinkube.operator.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the operator's own ({@code spin-operator.*}, or {@code SPIN_OPERATOR_*} in the environment), in
 * one mapping: the README's configuration table lists them. A misspelt key under {@code spin-operator.} stops the
 * start instead of being ignored. Quarkus' and the Operator SDK's own keys keep their names.
 */
@ConfigMapping(prefix = "spin-operator")
public interface OperatorConfig {

    WebhookConfig webhooks();

    LeaderElection leaderElection();

    Metrics metrics();

    Shutdown shutdown();

    Memory memory();

    /** {@code spin-operator.leader-election.*}: a Lease, so several replicas can run and only one writes. */
    interface LeaderElection {
        /** Run-time switch; the profiles that may use leader election at all are fixed at build time (prod). */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("spin-operator-lease")
        String leaseName();

        /** Where the Lease lives: the operator's namespace ({@code POD_NAMESPACE}) by default. */
        Optional<String> leaseNamespace();
    }

    /** {@code spin-operator.shutdown.*}: what SIGTERM waits for. */
    interface Shutdown {
        /**
         * How long the reconciles in flight may finish once no new one starts; kept under
         * {@code quarkus.shutdown.timeout}, both under the pod's {@code terminationGracePeriodSeconds} (30 s).
         */
        @WithDefault("15s")
        java.time.Duration reconcileDrain();
    }

    /** {@code spin-operator.memory.*}: see {@code ops.IdleCollection}. */
    interface Memory {
        /** How long the collector must have been quiet before one full collection hands memory back; 0s: never. */
        @WithDefault("30s")
        java.time.Duration idleCollectionAfter();
    }

    /** {@code spin-operator.metrics.*}. */
    interface Metrics {
        /** Reconcile metrics per SpinApp as well as per controller: one series per app, for debugging only. */
        @WithDefault("false")
        boolean perResource();
    }
}
