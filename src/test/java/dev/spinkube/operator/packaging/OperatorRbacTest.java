package dev.spinkube.operator.packaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.KubeApiServer;
import dev.spinkube.operator.testing.OperatorInstall;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * deploy/'s RBAC on the real API server, as the operator's ServiceAccount sees it. That it is enough is shown by
 * every reconciler, webhook and operations test: the operator under test authenticates as this ServiceAccount
 * ({@code testing.RealApiServer}). This test shows it is no more than the operator needs.
 */
class OperatorRbacTest {
    static KubernetesClient operator;

    @BeforeAll
    static void asTheOperatorsServiceAccount() {
        KubeApiServer api = KubeApiServer.get();
        OperatorInstall.prerequisites(api.admin());
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(api.url()).withCaCertData(api.caCertData())
                .withOauthToken(OperatorInstall.serviceAccountToken(api.admin())).build();
        operator = new KubernetesClientBuilder().withConfig(config).build();
    }

    static boolean allowed(String group, String resource, String verb, String namespace) {
        SelfSubjectAccessReview review = operator.authorization().v1().selfSubjectAccessReview()
                .create(new SelfSubjectAccessReviewBuilder().withNewSpec().withResourceAttributes(new ResourceAttributesBuilder()
                        .withGroup(group).withResource(resource).withVerb(verb).withNamespace(namespace).build()).endSpec()
                        .build());
        return review.getStatus().getAllowed();
    }

    @Test
    void itCanDoWhatTheOperatorDoes() {
        String ns = Cluster.newNamespace("rbac");
        for (String verb : List.of("get", "list", "watch", "create", "patch", "delete")) {
            assertTrue(allowed("apps", "deployments", verb, ns), "deployments " + verb);
            assertTrue(allowed("", "services", verb, ns), "services " + verb);
            assertTrue(allowed("", "secrets", verb, ns), "secrets " + verb);
        }
        assertTrue(allowed("core.spinkube.dev", "spinapps/status", "patch", ns));
        assertTrue(allowed("coordination.k8s.io", "leases", "update", OperatorInstall.NAMESPACE));
        assertTrue(allowed("admissionregistration.k8s.io", "validatingwebhookconfigurations", "patch", null),
                "the caBundle of its webhook configurations");
    }

    @Test
    void itCannotDoWhatTheOperatorDoesNotNeed() {
        String ns = Cluster.newNamespace("rbac");
        assertFalse(allowed("", "namespaces", "delete", null), "delete namespaces");
        assertFalse(allowed("rbac.authorization.k8s.io", "rolebindings", "create", ns), "create role bindings");
        assertFalse(allowed("rbac.authorization.k8s.io", "clusterroles", "escalate", null), "escalate cluster roles");
        assertFalse(allowed("", "pods", "create", ns), "create pods");
        assertFalse(allowed("", "configmaps", "update", ns), "write ConfigMaps (it only reads them)");
        assertFalse(allowed("core.spinkube.dev", "spinapps", "delete", ns), "delete users' SpinApps");
        assertFalse(allowed("core.spinkube.dev", "spinapps", "create", ns), "create SpinApps");
        assertFalse(allowed("apiextensions.k8s.io", "customresourcedefinitions", "update", null), "change CRDs");
        assertFalse(allowed("coordination.k8s.io", "leases", "update", ns), "Leases outside its namespace");
    }
}
