package dev.spinkube.operator.api.v1alpha1;

/**
 * The single-object rules as CEL, placed on the CRD by annotations on the API types so they hold with
 * webhooks off. Each goes with the {@link Messages} constant of the same name; the Java checks in
 * {@link SpinAppRules} and {@link ExecutorRules} implement the same rules for the webhook and the
 * reconciler. Lists the rules iterate carry maxItems so the API server's cost estimate stays in budget.
 *
 * <p>The API server refuses a CRD whose rule's estimated cost exceeds 10M (100M for all rules of a CRD). It
 * estimates a string without maxLength at ~3 MiB and a list without maxItems at ~1M entries, so four rules stay
 * out of CEL and are enforced by the webhook and the reconciler only: the SPIN_HTTP_LISTEN_ADDR format (a regex
 * over env values: ~1.9G), init-container names as DNS labels (a regex over names: ~45M) and unique (16 x 16
 * name comparisons: ~80M), and no init-container port equal to the app's (Container.ports is unbounded).
 * Kubernetes itself refuses invalid or duplicate container names when the Deployment is applied; the reconciler
 * reports them first, with these messages. {@code CrdRulesTest} applies the generated CRDs to a real API server.
 */
public final class CelRules {
    private CelRules() {
    }

    // ---- SpinApp spec (self = spec) ----
    public static final String REPLICAS_WITH_AUTOSCALING = "!has(self.enableAutoscaling) || !self.enableAutoscaling || !has(self.replicas) || self.replicas == 0";
    public static final String REPLICAS_POSITIVE = "(has(self.enableAutoscaling) && self.enableAutoscaling) || !has(self.replicas) || self.replicas > 0";
    public static final String IMAGE_REQUIRED = "size(self.image) > 0";

    // ---- env lists: SpinApp spec.env and SpinAppExecutor spec.deploymentConfig.env (self = the list) ----
    public static final String ENV_NAME_REQUIRED = "self.all(e, size(e.name) > 0)";
    public static final String ENV_SPIN_VARIABLE = "self.all(e, !e.name.startsWith('SPIN_VARIABLE_'))";
    public static final String ENV_COMPONENTS = "self.all(e, e.name != 'SPIN_COMPONENTS_TO_RETAIN')";
    public static final String ENV_MAX_MEMORY = "self.all(e, e.name != 'SPIN_MAX_INSTANCE_MEMORY')";
    public static final String ENV_RUNTIME_CONFIG_FILE = "self.all(e, e.name != 'SPIN_RUNTIME_CONFIG_FILE')";

    // ---- SpinApp init containers (self = spec) ----
    public static final String INIT_NAME_REQUIRED = "!has(self.initContainers) || self.initContainers.all(c, has(c.name) && size(c.name) > 0)";
    public static final String INIT_IMAGE_NOT_APP = "!has(self.initContainers) || self.initContainers.all(c, !has(c.image) || c.image != self.image)";
    public static final String INIT_RESTART_POLICY = "!has(self.initContainers) || self.initContainers.all(c, !has(c.restartPolicy) || c.restartPolicy == 'Always')";
    public static final String INIT_CLASSIC_NO_PROBES = "!has(self.initContainers) || self.initContainers.all(c, has(c.restartPolicy) || (!has(c.livenessProbe) && !has(c.readinessProbe) && !has(c.startupProbe)))";

    // ---- SpinApp root (self = the object: metadata.name is visible) ----
    public static final String INIT_NAME_NOT_APP = "!has(self.spec.initContainers) || self.spec.initContainers.all(c, !has(c.name) || c.name != self.metadata.name)";

    // ---- invocationLimits against resources (self = spec; Kubernetes quantity library, API server >= 1.29) ----
    public static final String INVOCATION_MEMORY_ABOVE_LIMIT = "!has(self.invocationLimits) || !has(self.invocationLimits.memory)"
            + " || !isQuantity(self.invocationLimits.memory) || !has(self.resources) || !has(self.resources.limits)"
            + " || !('memory' in self.resources.limits) || !isQuantity(string(self.resources.limits['memory']))"
            + " || quantity(self.invocationLimits.memory).compareTo(quantity(string(self.resources.limits['memory']))) <= 0";
    public static final String INVOCATION_MEMORY_ABOVE_REQUEST = "!has(self.invocationLimits) || !has(self.invocationLimits.memory)"
            + " || !isQuantity(self.invocationLimits.memory) || !has(self.resources) || !has(self.resources.requests)"
            + " || !('memory' in self.resources.requests) || !isQuantity(string(self.resources.requests['memory']))"
            + " || quantity(self.invocationLimits.memory).compareTo(quantity(string(self.resources.requests['memory']))) <= 0";

    // ---- invocationLimits (self = invocationLimits) ----
    public static final String INVOCATION_MEMORY_QUANTITY = "!has(self.memory) || self.memory.matches(r'" + Patterns.QUANTITY + "')";

    // ---- runtimeConfig (self = runtimeConfig) ----
    public static final String DUPLICATE_KEY_VALUE_STORE = "!has(self.keyValueStores) || self.keyValueStores.all(k, self.keyValueStores.exists_one(j, j.name == k.name))";
    public static final String DUPLICATE_SQLITE_DATABASE = "!has(self.sqliteDatabases) || self.sqliteDatabases.all(k, self.sqliteDatabases.exists_one(j, j.name == k.name))";

    // ---- SpinAppExecutor spec (self = spec) ----
    public static final String DEPLOYMENT_CONFIG_REQUIRED = "!self.createDeployment || has(self.deploymentConfig)";
    public static final String RUNTIME_CLASS_XOR_SPIN_IMAGE = "!has(self.deploymentConfig) || !has(self.deploymentConfig.runtimeClassName) || !has(self.deploymentConfig.spinImage)";
    public static final String RUNTIME_CLASS_OR_SPIN_IMAGE = "!self.createDeployment || !has(self.deploymentConfig) || has(self.deploymentConfig.runtimeClassName) || has(self.deploymentConfig.spinImage)";

    /** Regular expressions shared by CEL ({@code matches} on raw strings, RE2) and Java. */
    public static final class Patterns {
        private Patterns() {
        }

        public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
        public static final String QUANTITY = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)))?$";
    }
}
