package dev.spinkube.operator.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
}
