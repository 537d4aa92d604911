package dev.spinkube.operator.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.Fixture;
import dev.spinkube.operator.testing.KubeApiServer;
import dev.spinkube.operator.testing.OperatorInstall;
import dev.spinkube.operator.testing.PackagedOperator;

/**
 * The packaged operator as it runs in production (prod profile, leader election on, deploy/'s RBAC, against a real
 * API server) stops cleanly on SIGTERM: it releases its Lease and exits by itself, well within the pod's 30 s grace
 * period, with the exit status of a terminated process (143, or 0) and not JOSDK's System.exit(1) on stopping to
 * lead, and without an ERROR on the way.
 */
class GracefulShutdownIT {

    @Test
    void sigtermReleasesTheLeaseAndExitsCleanly() throws Exception {
        Map<String, String> env = Map.of("KUBECONFIG", OperatorInstall.kubeconfig(KubeApiServer.get()).toString(),
                "POD_NAMESPACE", OperatorInstall.NAMESPACE, "HOSTNAME", "spin-operator-test-pod");
        try (PackagedOperator operator = PackagedOperator.start(env)) {
            operator.awaitReady("leading and ready", body -> body.contains("\"leader\":true"));

            int exit = operator.terminate(Duration.ofSeconds(25));

            String output = operator.output();
            assertTrue(exit == 143 || exit == 0, "exit " + exit + ":\n" + output);
            assertTrue(output.contains("Released the Lease on shutdown"), output);
            assertTrue(output.contains("stopped in"), output);
            assertFalse(output.contains(" ERROR "), output);
        }
    }

    /**
     * SIGTERM while apps are being reconciled, with the webhooks serving: the reconciles in flight finish (QOSDK alone
     * would interrupt them, an ERROR each), the webhook server and its watches stop, and nothing logs an ERROR.
     */
    @Test
    void sigtermWhileAppsAreReconciledLetsThemFinish() throws Exception {
        Map<String, String> env = Map.of("KUBECONFIG", OperatorInstall.kubeconfig(KubeApiServer.get()).toString(),
                "POD_NAMESPACE", OperatorInstall.NAMESPACE, "HOSTNAME", "spin-operator-busy-pod",
                "SPIN_OPERATOR_WEBHOOKS_ENABLED", "true", "SPIN_OPERATOR_WEBHOOKS_PORT", "0",
                "SPIN_OPERATOR_WEBHOOKS_NAMESPACE", OperatorInstall.NAMESPACE);
        sigtermWhile40AppsAreReconciled(env, "shutdown", "leading and ready", "\"leader\":true");
    }

    /**
     * The same with leader election off (one replica, {@code spin-operator.leader-election.enabled=false}): JOSDK then
     * installs a shutdown hook of its own when QOSDK's termination timeout is set, which stops everything at once in
     * parallel with Quarkus' shutdown (an ERROR per reconcile in flight, a RejectedExecutionException from stopping
     * the controllers twice). The drain must not depend on leader election.
     */
    @Test
    void sigtermWithoutLeaderElectionLetsReconcilesFinish() throws Exception {
        Map<String, String> env = Map.of("KUBECONFIG", OperatorInstall.kubeconfig(KubeApiServer.get()).toString(),
                "POD_NAMESPACE", OperatorInstall.NAMESPACE, "SPIN_OPERATOR_LEADER_ELECTION_ENABLED", "false");
        sigtermWhile40AppsAreReconciled(env, "shutdown-single", "ready", "\"status\":\"UP\"");
    }

    /**
     * Starts the packaged operator with {@code env}, waits until its readiness body holds {@code readyMark}, creates
     * 40 apps, sends SIGTERM once the first is reconciled, and checks it exits cleanly without an ERROR.
     */
    private static void sigtermWhile40AppsAreReconciled(Map<String, String> env, String namespacePrefix, String readyWhat,
            String readyMark) throws Exception {
        String ns = Cluster.newNamespace(namespacePrefix);
        Cluster.create(Fixture.executor(ns, "shim"));
        try (PackagedOperator operator = PackagedOperator.start(env)) {
            operator.awaitReady(readyWhat, body -> body.contains(readyMark));
            for (int i = 0; i < 40; i++) {
                Cluster.create(Fixture.app(ns, "app-" + i, "shim"));
            }
            await("the first apps reconciled").atMost(Cluster.WAIT)
                    .until(() -> Cluster.deployment(ns, "app-0") != null || Cluster.deployment(ns, "app-39") != null);

            int exit = operator.terminate(Duration.ofSeconds(25));

            String output = operator.output();
            assertTrue(exit == 143 || exit == 0, "exit " + exit + ":\n" + output);
            assertTrue(output.contains("stopped in"), output);
            assertFalse(output.contains(" ERROR "), output);
        }
    }
}
