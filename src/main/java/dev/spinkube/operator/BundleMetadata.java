package dev.spinkube.operator;

import io.quarkiverse.operatorsdk.annotations.CSVMetadata;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Annotations;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Annotations.Annotation;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Icon;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.InstallMode;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Label;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Maintainer;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.PermissionRule;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata.Provider;
import io.quarkiverse.operatorsdk.annotations.SharedCSVMetadata;

/**
 * What the OLM bundle (ClusterServiceVersion) says about the operator. The alm-examples are the
 * shim executor and simple app of samples/ (a test keeps them equal).
 */
@CSVMetadata(bundleName = "spin-operator", name = "spin-operator", displayName = "Spin Operator for Quarkus",
        description = """
                Runs Spin (WebAssembly) applications on Kubernetes. A drop-in replacement for the upstream \
                spin-operator: the same core.spinkube.dev/v1alpha1 SpinApp and SpinAppExecutor resources produce \
                the same Deployments and Services. Beyond upstream: sidecar and init containers next to the Spin \
                app, Spin runtime options through environment variables, scheduling, a scale subresource, rollout \
                when referenced Secrets or ConfigMaps change, validation with or without webhooks (CEL rules in the \
                CRDs), and status conditions that say what is wrong.

                Create a SpinAppExecutor (for example with runtimeClassName wasmtime-spin-v2 on nodes that have \
                containerd-shim-spin), then SpinApps that name it.""",
        keywords = { "spin", "webassembly", "wasm", "spinkube", "serverless", "quarkus" },
        maturity = "alpha",
        icon = @Icon(fileName = "spin-operator.svg", mediatype = "image/svg+xml"),
        maintainers = @Maintainer(name = "Spin Operator for Quarkus maintainers", email = "spin-operator@example.dev"),
        provider = @Provider(name = "Spin Operator for Quarkus", url = "https://www.spinkube.dev"),
        minKubeVersion = "1.29.0",
        // the platforms the operator image is built for (operator-sdk's multiarch validator asks for these labels)
        labels = { @Label(name = "operatorframework.io/arch.amd64", value = "supported"),
                @Label(name = "operatorframework.io/os.linux", value = "supported") },
        // The Lease of leader election, in the operator's namespace; the cluster-wide grants the build does not derive
        // from the dependents are RBACRules on SpinAppReconciler. OlmBundleIT fails when the bundle grants less than
        // the chart's RBAC (deploy/02-rbac.yaml).
        permissionRules = @PermissionRule(apiGroups = "coordination.k8s.io", resources = "leases",
                verbs = { "get", "list", "watch", "create", "update", "patch" }),
        installModes = {
                @InstallMode(type = "OwnNamespace", supported = true),
                @InstallMode(type = "SingleNamespace", supported = true),
                @InstallMode(type = "MultiNamespace", supported = true),
                @InstallMode(type = "AllNamespaces", supported = true) },
        annotations = @Annotations(capabilities = "Full Lifecycle", categories = "Application Runtime",
                repository = "https://github.com/spinkube/spin-operator",
                containerImage = "ghcr.io/spinkube/spin-operator-quarkus:0.1.0",
                almExamples = BundleMetadata.ALM_EXAMPLES,
                // OpenShift's infrastructure features (docs/install.md, "OLM and OpenShift"): none of these is claimed.
                // features.operators.openshift.io/disconnected is written by src/build/BundleFinisher.java: "true"
                // only when every image of the bundle is pinned by digest, so that a mirror can serve it.
                others = {
                        @Annotation(name = "features.operators.openshift.io/fips-compliant", value = "false"),
                        @Annotation(name = "features.operators.openshift.io/proxy-aware", value = "false"),
                        @Annotation(name = "features.operators.openshift.io/tls-profiles", value = "false"),
                        @Annotation(name = "features.operators.openshift.io/token-auth-aws", value = "false"),
                        @Annotation(name = "features.operators.openshift.io/token-auth-azure", value = "false"),
                        @Annotation(name = "features.operators.openshift.io/token-auth-gcp", value = "false"),
                        @Annotation(name = "features.operators.openshift.io/cnf", value = "false"),
                        @Annotation(name = "features.operators.openshift.io/cni", value = "false"),
                        @Annotation(name = "features.operators.openshift.io/csi", value = "false") }))
public class BundleMetadata implements SharedCSVMetadata {
    public static final String ALM_EXAMPLES = """
            [
              {
                "apiVersion": "core.spinkube.dev/v1alpha1",
                "kind": "SpinAppExecutor",
                "metadata": {"name": "containerd-shim-spin"},
                "spec": {
                  "createDeployment": true,
                  "deploymentConfig": {"runtimeClassName": "wasmtime-spin-v2", "installDefaultCACerts": true}
                }
              },
              {
                "apiVersion": "core.spinkube.dev/v1alpha1",
                "kind": "SpinApp",
                "metadata": {"name": "simple-spinapp"},
                "spec": {
                  "image": "ghcr.io/spinkube/containerd-shim-spin/examples/spin-rust-hello:v0.13.0",
                  "replicas": 1,
                  "executor": "containerd-shim-spin"
                }
              }
            ]""";
}
