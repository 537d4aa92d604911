package dev.spinkube.operator.ops;

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
 * The README's "Run against a cluster": the CRDs installed, then {@code java -jar target/quarkus-app/quarkus-run.jar}
 * with nothing but a kubeconfig (no POD_NAMESPACE, no service account). It starts, says why leader election is off,
 * and reconciles.
 */
class RunOutsideClusterIT {

    @Test
    void startsWithAKubeconfigAloneAndReconciles() throws Exception {
        OperatorInstall.prerequisites(Cluster.admin());
        Map<String, String> env = Map.of("KUBECONFIG", KubeApiServer.get().kubeconfig().toString());
        try (PackagedOperator operator = PackagedOperator.start(env)) {
            operator.awaitReady("ready", body -> body.contains("\"leaderElection\":false"));
            assertTrue(operator.output().contains("Leader election is off: not running in a cluster"), operator.output());

            String ns = Cluster.newNamespace("outside");
            Cluster.create(Fixture.executor(ns, "shim"));
            Cluster.create(Fixture.app(ns, "hello", "shim"));
            Cluster.awaitDeployment(ns, "hello");

            operator.terminate(Duration.ofSeconds(25));
        }
    }
}
