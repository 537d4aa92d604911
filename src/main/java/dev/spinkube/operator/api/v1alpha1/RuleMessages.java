package dev.spinkube.operator.api.v1alpha1;

import dev.spinkube.operator.spin.Ports;

/**
 * Every rule's message, written once: the CRD's CEL rules (annotations on the API types), the
 * admission webhook, the reconciler's status and the renderer all use these. Upstream's wording is
 * kept where upstream has the rule. Bounds come from the constants the types and rules use.
 */
public final class RuleMessages {
    private RuleMessages() {
    }

    // upstream wording
    public static final String EXECUTOR_REQUIRED =
            "executor must be set, likely no default executor was set because you have no executors installed";
    public static final String EXECUTOR_NOT_FOUND = "executor does not exist in namespace";
    public static final String REPLICAS_WITH_AUTOSCALING = "replicas cannot be set when autoscaling is enabled";
    public static final String REPLICAS_POSITIVE = "replicas must be > 0";
    public static final String RUNTIME_CLASS_XOR_SPIN_IMAGE = "runtimeClassName and spinImage are mutually exclusive";
    public static final String RUNTIME_CLASS_OR_SPIN_IMAGE = "either runtimeClassName or spinImage must be set";
    public static final String DEPLOYMENT_ANNOTATIONS_WITHOUT_DEPLOYMENT =
            "deploymentAnnotations can't be set when the executor does not use operator deployments";
    public static final String POD_ANNOTATIONS_WITHOUT_DEPLOYMENT =
            "podAnnotations can't be set when the executor does not use operator deployments";

    // beyond upstream
    public static final String IMAGE_REQUIRED = "image must be set to the app's OCI reference";
    public static final String DEPLOYMENT_CONFIG_REQUIRED =
            "deploymentConfig must be set when createDeployment is true";
    public static final String CREATE_DEPLOYMENT_REQUIRED = "createDeployment must be set to true or false";
    public static final String IMAGE_PULL_POLICY = "imagePullPolicy must be one of Always, IfNotPresent, Never";
    public static final String INVOCATION_MEMORY_QUANTITY =
            "invocationLimits.memory must be a Kubernetes quantity such as 128Mi";
    public static final String INVOCATION_MEMORY_ABOVE_LIMIT =
            "invocationLimits.memory must not exceed resources.limits.memory";
    public static final String INVOCATION_MEMORY_ABOVE_REQUEST =
            "invocationLimits.memory must not exceed resources.requests.memory";
    public static final String ENV_NAME_REQUIRED = "env entries must have a name";
    public static final String ENV_SPIN_VARIABLE =
            "SPIN_VARIABLE_* env vars are set by the operator: use spec.variables instead";
    public static final String ENV_COMPONENTS =
            "SPIN_COMPONENTS_TO_RETAIN is set by the operator: use spec.components instead";
    public static final String ENV_MAX_MEMORY =
            "SPIN_MAX_INSTANCE_MEMORY is set by the operator: use spec.invocationLimits.memory instead";
    public static final String ENV_RUNTIME_CONFIG_FILE =
            "SPIN_RUNTIME_CONFIG_FILE is always /runtime-config.toml, where the operator mounts the runtime config: "
            + "use spec.runtimeConfig instead";
    public static final String ENV_LISTEN_ADDRESS =
            "SPIN_HTTP_LISTEN_ADDR must be a literal host:port with a port from 1 to 65535, e.g. 0.0.0.0:3000";
    public static final String INIT_NAME_REQUIRED = "initContainers entries must have a name";
    public static final String INIT_NAME_DNS_LABEL =
            "initContainers names must be DNS labels: lower-case letters, digits and '-', at most "
            + ObjectRules.DNS_LABEL_MAX_LENGTH + " characters";
    public static final String INIT_NAME_NOT_APP =
            "initContainers names must differ from the SpinApp's name, which the Spin container uses";
    public static final String INIT_NAME_UNIQUE = "initContainers names must be unique in the pod";
    public static final String INIT_IMAGE_NOT_APP = "initContainers images must differ from the SpinApp's image";
    public static final String INIT_RESTART_POLICY =
            "initContainers restartPolicy must be Always (a sidecar) or unset (an init container)";
    public static final String INIT_CLASSIC_NO_PROBES =
            "classic init containers (no restartPolicy) must not have probes; "
            + "only sidecars (restartPolicy: Always) may";
    public static final String INIT_NOT_APP_PORT =
            "initContainers must not use the Spin app's port (" + Ports.SERVICE + ", or the port of SPIN_HTTP_LISTEN_ADDR); "
            + "pick another port";
    public static final String TOO_MANY_INIT_CONTAINERS =
            "initContainers must have at most " + SpinAppSpec.MAX_INIT_CONTAINERS + " items";
    public static final String TOO_MANY_ENV = "env must have at most " + SpinAppSpec.MAX_ENV + " items";
    public static final String DUPLICATE_KEY_VALUE_STORE = "runtimeConfig.keyValueStores names must be unique";
    public static final String DUPLICATE_SQLITE_DATABASE = "runtimeConfig.sqliteDatabases names must be unique";
}
