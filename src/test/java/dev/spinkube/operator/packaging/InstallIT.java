package dev.spinkube.operator.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.testing.KubeApiServer;
import dev.spinkube.operator.testing.OperatorInstall;
import dev.spinkube.operator.testing.Tools;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The install paths as users type them, each into an empty API server of its own (no nodes: the operator's pod is
 * stored, never run). With the webhooks' failurePolicy Ignore, SpinApps can be applied together with the operator,
 * before it serves.
 */
class InstallIT {

    @Test
    void kubectlApplyOfDeployInstallsTheOperatorAndAcceptsAppsAtOnce() {
        try (KubeApiServer api = KubeApiServer.startSeparate("install-deploy")) {
            Tools.kubectl(api, "apply", "-f", "deploy/").ok();
            Tools.awaitCrds(api);

            Deployment operator = api.admin().apps().deployments().inNamespace(OperatorInstall.NAMESPACE)
                    .withName("spin-operator").get();
            assertNotNull(operator, "the operator's Deployment");
            OperatorInstall.CRDS.forEach(crd -> assertNotNull(
                    api.admin().resources(CustomResourceDefinition.class).withName(crd).get(), crd));
            Tools.kubectl(api, "apply", "-f", "samples/spin-shim-executor.yaml", "-f", "samples/simple.yaml").ok();
            assertNotNull(api.admin().resources(SpinApp.class).inNamespace("default").withName("simple-spinapp").get());
        }
    }

    @Test
    void helmInstallThenUninstallLeavesCrdsAndApps() {
        try (KubeApiServer api = KubeApiServer.startSeparate("install-helm")) {
            String installed = Tools.helm(api, "install", "spin-operator", "helm/spin-operator", "-n", "spin-operator",
                    "--create-namespace", "--wait=false").ok().output();
            Tools.awaitCrds(api);
            assertTrue(installed.contains("STATUS: deployed"), installed);
            Tools.kubectl(api, "apply", "-f", "samples/simple.yaml").ok();
            // the CRDs are stored as written: server-side apply of the same files does not conflict with Helm's
            Tools.kubectl(api, "apply", "--server-side", "-f", "helm/spin-operator/crds/").ok();

            Tools.helm(api, "uninstall", "spin-operator", "-n", "spin-operator").ok();

            OperatorInstall.CRDS.forEach(crd -> assertNotNull(
                    api.admin().resources(CustomResourceDefinition.class).withName(crd).get(), crd + " kept"));
            assertNotNull(api.admin().resources(SpinApp.class).inNamespace("default").withName("simple-spinapp").get(),
                    "the app kept");
            assertEquals(null, api.admin().apps().deployments().inNamespace("spin-operator").withName("spin-operator")
                    .get(), "the operator removed");
        }
    }
}
