package dev.spinkube.operator.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the operator under test against the real API server, installed as {@code deploy/} installs it: the CRDs
 * the build generated, the operator's namespace and ServiceAccount, and {@code deploy/}'s RBAC. The operator
 * authenticates with a token of that ServiceAccount (TokenRequest API), so every API call it makes in any test is
 * checked against the RBAC users install; a missing permission fails the test that needs it with a 403.
 * <p>
 * Tests act as users with {@link Cluster#admin()}, never with the operator's injected client.
 */
public class RealApiServer implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KubeApiServer api = KubeApiServer.get();
        OperatorInstall.prerequisites(api.admin());
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.kubernetes-client.api-server-url", api.url());
        config.put("quarkus.kubernetes-client.ca-cert-data", api.caCertData());
        config.put("quarkus.kubernetes-client.token", OperatorInstall.serviceAccountToken(api.admin()));
        config.put("quarkus.kubernetes-client.namespace", OperatorInstall.NAMESPACE);
        return config;
    }

    @Override
    public void stop() {
        // the API server lives as long as the test JVM; every test works in namespaces of its own
    }
}
