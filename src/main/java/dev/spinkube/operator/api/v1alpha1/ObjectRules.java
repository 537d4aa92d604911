package dev.spinkube.operator.api.v1alpha1;

import static dev.spinkube.operator.api.v1alpha1.Rule.cel;
import static dev.spinkube.operator.api.v1alpha1.Rule.notCel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.spinkube.operator.api.v1alpha1.Rule.Held;
import dev.spinkube.operator.spin.ListenAddress;
import dev.spinkube.operator.spin.NativeSidecar;
import dev.spinkube.operator.spin.SpinEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Every rule a single object must follow, written once. Each CEL constant is the text the CRD holds the rule with
 * (annotations on the API types place it, so it holds with webhooks off); beside it is the same rule in Java, true
 * while the rule holds, which the webhook, the reconciler and the renderer check. The table closing each section
 * pairs them with their {@link RuleMessages message} and field, in the order violations are reported. Rules the CRD
 * holds by its schema instead, or not at all, are in the tables too, marked with the reason ({@link Rule.Held}).
 * Lists the rules iterate carry maxItems so the API server's cost estimate stays in budget.
 *
 * <p>The API server refuses a CRD whose rule's estimated cost exceeds 10M (100M for all rules of a CRD). It
 * estimates a string without maxLength at ~3 MiB and a list without maxItems at ~1M entries, so four rules stay
 * out of CEL and are enforced by the webhook and the reconciler only: the SPIN_HTTP_LISTEN_ADDR format (a regex
 * over env values: ~1.9G), init-container names as DNS labels (a regex over names: ~45M) and unique (16 x 16
 * name comparisons: ~80M), and no init-container port equal to the app's (Container.ports is unbounded).
 * Kubernetes itself refuses invalid or duplicate container names when the Deployment is applied; the reconciler
 * reports them first, with these messages. {@code CrdRulesTest} applies the generated CRDs to a real API server.
 */
public final class ObjectRules {
    private ObjectRules() {
    }

    /** Kubernetes quantities, as CEL ({@code matches} on raw strings, RE2) and Java read them. */
    static final String QUANTITY = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?([0-9]+"
            + "(\\.[0-9]*)?|\\.[0-9]+)))?$";
    private static final Pattern QUANTITY_FORMAT = Pattern.compile(QUANTITY);

    // ---- SpinApp spec (self = spec) ----

    static boolean executorSet(SpinAppSpec s) {
        return s.executor().isPresent();
    }

    public static final String IMAGE_REQUIRED = "size(self.image) > 0";

    static boolean imageSet(SpinAppSpec s) {
        return s.image != null && !s.image.isEmpty();
    }

    public static final String REPLICAS_WITH_AUTOSCALING = "!has(self.enableAutoscaling) || !self.enableAutoscaling"
            + " || !has(self.replicas) || self.replicas == 0";

    static boolean noReplicasWithAutoscaling(SpinAppSpec s) {
        return !s.enableAutoscaling() || s.replicas == null || s.replicas == 0;
    }

    public static final String REPLICAS_POSITIVE = "(has(self.enableAutoscaling) && self.enableAutoscaling)"
            + " || !has(self.replicas) || self.replicas > 0";

    static boolean replicasPositive(SpinAppSpec s) {
        return s.enableAutoscaling() || s.replicas == null || s.replicas > 0;
    }

    /** A schema pattern ({@code @Pattern} on the field), not CEL. */
    public static final String IMAGE_PULL_POLICY = "^(Always|IfNotPresent|Never)$";
    private static final Pattern PULL_POLICY = Pattern.compile(IMAGE_PULL_POLICY);

    static boolean knownPullPolicy(SpinAppSpec s) {
        return s.imagePullPolicy == null || PULL_POLICY.matcher(s.imagePullPolicy).matches();
    }

    /** On invocationLimits (self = invocationLimits). */
    public static final String INVOCATION_MEMORY_QUANTITY = "!has(self.memory) || self.memory.matches(r'" + QUANTITY
            + "')";

    static boolean invocationMemoryIsQuantity(SpinAppSpec s) {
        return s.invocationLimits == null || s.invocationLimits.memory == null || invocationMemory(s).isPresent();
    }

    // Kubernetes quantity library, API server >= 1.29
    public static final String INVOCATION_MEMORY_ABOVE_LIMIT = "!has(self.invocationLimits)"
            + " || !has(self.invocationLimits.memory) || !isQuantity(self.invocationLimits.memory)"
            + " || !has(self.resources) || !has(self.resources.limits) || !('memory' in self.resources.limits)"
            + " || !isQuantity(string(self.resources.limits['memory']))"
            + " || quantity(self.invocationLimits.memory)"
            + ".compareTo(quantity(string(self.resources.limits['memory']))) <= 0";

    static boolean invocationMemoryWithinLimit(SpinAppSpec s) {
        return invocationMemoryWithin(s, s.resources == null ? null : s.resources.limits);
    }

    public static final String INVOCATION_MEMORY_ABOVE_REQUEST = "!has(self.invocationLimits)"
            + " || !has(self.invocationLimits.memory) || !isQuantity(self.invocationLimits.memory)"
            + " || !has(self.resources) || !has(self.resources.requests) || !('memory' in self.resources.requests)"
            + " || !isQuantity(string(self.resources.requests['memory']))"
            + " || quantity(self.invocationLimits.memory)"
            + ".compareTo(quantity(string(self.resources.requests['memory']))) <= 0";

    static boolean invocationMemoryWithinRequest(SpinAppSpec s) {
        return invocationMemoryWithin(s, s.resources == null ? null : s.resources.requests);
    }

    /** A schema bound (maxItems), not CEL: it keeps the init-container rules within the cost budget. */
    static boolean initContainersBounded(SpinAppSpec s) {
        return s.initContainers().size() <= SpinAppSpec.MAX_INIT_CONTAINERS;
    }

    /** A schema bound (maxItems), not CEL: it keeps the env rules within the cost budget. */
    static boolean envBounded(SpinAppSpec s) {
        return s.env().size() <= SpinAppSpec.MAX_ENV;
    }

    public static final List<Rule<SpinAppSpec>> APP = List.of(
            notCel(Held.WEBHOOK_DEFAULT, RuleMessages.EXECUTOR_REQUIRED, "spec.executor", ObjectRules::executorSet),
            cel(IMAGE_REQUIRED, RuleMessages.IMAGE_REQUIRED, "spec.image", ObjectRules::imageSet),
            cel(REPLICAS_WITH_AUTOSCALING, RuleMessages.REPLICAS_WITH_AUTOSCALING, "spec.replicas",
                    ObjectRules::noReplicasWithAutoscaling),
            cel(REPLICAS_POSITIVE, RuleMessages.REPLICAS_POSITIVE, "spec.replicas", ObjectRules::replicasPositive),
            notCel(Held.SCHEMA, RuleMessages.IMAGE_PULL_POLICY, "spec.imagePullPolicy", ObjectRules::knownPullPolicy),
            cel(INVOCATION_MEMORY_QUANTITY, RuleMessages.INVOCATION_MEMORY_QUANTITY, "spec.invocationLimits.memory",
                    ObjectRules::invocationMemoryIsQuantity),
            cel(INVOCATION_MEMORY_ABOVE_LIMIT, RuleMessages.INVOCATION_MEMORY_ABOVE_LIMIT, "spec.invocationLimits.memory",
                    ObjectRules::invocationMemoryWithinLimit),
            cel(INVOCATION_MEMORY_ABOVE_REQUEST, RuleMessages.INVOCATION_MEMORY_ABOVE_REQUEST,
                    "spec.invocationLimits.memory", ObjectRules::invocationMemoryWithinRequest),
            notCel(Held.SCHEMA, RuleMessages.TOO_MANY_INIT_CONTAINERS, "spec.initContainers",
                    ObjectRules::initContainersBounded),
            notCel(Held.SCHEMA, RuleMessages.TOO_MANY_ENV, "spec.env", ObjectRules::envBounded));

    // ---- env entries: SpinApp spec.env and SpinAppExecutor spec.deploymentConfig.env (self = the list) ----

    public static final String ENV_NAME_REQUIRED = "self.all(e, size(e.name) > 0)";

    static boolean envNameSet(EnvVar e) {
        return !name(e).isEmpty();
    }

    public static final String ENV_SPIN_VARIABLE = "self.all(e, !e.name.startsWith('" + SpinEnv.VARIABLE_PREFIX
            + "'))";

    static boolean envNotSpinVariable(EnvVar e) {
        return !name(e).startsWith(SpinEnv.VARIABLE_PREFIX);
    }

    public static final String ENV_COMPONENTS = "self.all(e, e.name != '" + SpinEnv.COMPONENTS_TO_RETAIN + "')";

    static boolean envNotComponents(EnvVar e) {
        return !name(e).equals(SpinEnv.COMPONENTS_TO_RETAIN);
    }

    public static final String ENV_MAX_MEMORY = "self.all(e, e.name != '" + SpinEnv.MAX_INSTANCE_MEMORY + "')";

    static boolean envNotMaxMemory(EnvVar e) {
        return !name(e).equals(SpinEnv.MAX_INSTANCE_MEMORY);
    }

    public static final String ENV_RUNTIME_CONFIG_FILE = "self.all(e, e.name != '" + SpinEnv.RUNTIME_CONFIG_FILE
            + "')";

    static boolean envNotRuntimeConfigFile(EnvVar e) {
        return !name(e).equals(SpinEnv.RUNTIME_CONFIG_FILE);
    }

    /** Over the cost budget as CEL: a regex over env values without a length bound. */
    static boolean envListenAddressLiteral(EnvVar e) {
        return !SpinEnv.LISTEN_ADDRESS.equals(name(e))
                || e.getValueFrom() == null && ListenAddress.parse(e.getValue()).isPresent();
    }

    public static final List<Rule<EnvVar>> ENV = List.of(
            cel(ENV_NAME_REQUIRED, RuleMessages.ENV_NAME_REQUIRED, ".name", ObjectRules::envNameSet),
            cel(ENV_SPIN_VARIABLE, RuleMessages.ENV_SPIN_VARIABLE, ".name", ObjectRules::envNotSpinVariable),
            cel(ENV_COMPONENTS, RuleMessages.ENV_COMPONENTS, ".name", ObjectRules::envNotComponents),
            cel(ENV_MAX_MEMORY, RuleMessages.ENV_MAX_MEMORY, ".name", ObjectRules::envNotMaxMemory),
            cel(ENV_RUNTIME_CONFIG_FILE, RuleMessages.ENV_RUNTIME_CONFIG_FILE, ".name", ObjectRules::envNotRuntimeConfigFile),
            notCel(Held.COST_BUDGET, RuleMessages.ENV_LISTEN_ADDRESS, ".value", ObjectRules::envListenAddressLiteral));

    // ---- SpinApp initContainers entries (self = spec, or the SpinApp where metadata.name is needed) ----

    public static final String INIT_NAME_REQUIRED = "!has(self.initContainers)"
            + " || self.initContainers.all(c, has(c.name) && size(c.name) > 0)";

    static boolean initNameSet(ListEntry<Container> c) {
        return !name(c).isEmpty();
    }

    /** Over the cost budget as CEL: a regex over names without a length bound. */
    /** A Kubernetes DNS label (RFC 1123), as container names must be. */
    static final int DNS_LABEL_MAX_LENGTH = 63;
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    static boolean initNameDnsLabel(ListEntry<Container> c) {
        return DNS_LABEL.matcher(name(c)).matches() && name(c).length() <= DNS_LABEL_MAX_LENGTH;
    }

    /** On the SpinApp (self = the object: metadata.name is visible). */
    public static final String INIT_NAME_NOT_APP = "!has(self.spec.initContainers)"
            + " || self.spec.initContainers.all(c, !has(c.name) || c.name != self.metadata.name)";

    static boolean initNameNotApp(ListEntry<Container> c) {
        return !name(c).equals(c.app().getMetadata().getName());
    }

    /** Over the cost budget as CEL: 16 x 16 name comparisons. */
    static boolean initNameUnique(ListEntry<Container> c) {
        return c.before().stream().noneMatch(other -> name(c).equals(other.getName()));
    }

    public static final String INIT_IMAGE_NOT_APP = "!has(self.initContainers)"
            + " || self.initContainers.all(c, !has(c.image) || c.image != self.image)";

    static boolean initImageNotApp(ListEntry<Container> c) {
        return c.value().getImage() == null || !c.value().getImage().equals(c.app().getSpec().image);
    }

    public static final String INIT_RESTART_POLICY = "!has(self.initContainers) || self.initContainers.all(c,"
            + " !has(c.restartPolicy) || c.restartPolicy == '" + NativeSidecar.RESTART_POLICY + "')";

    static boolean initRestartPolicy(ListEntry<Container> c) {
        String restart = c.value().getRestartPolicy();
        return restart == null || NativeSidecar.RESTART_POLICY.equals(restart);
    }

    public static final String INIT_CLASSIC_NO_PROBES = "!has(self.initContainers) || self.initContainers.all(c,"
            + " has(c.restartPolicy) || (!has(c.livenessProbe) && !has(c.readinessProbe) && !has(c.startupProbe)))";

    static boolean initClassicNoProbes(ListEntry<Container> c) {
        Container container = c.value();
        return container.getRestartPolicy() != null || container.getLivenessProbe() == null
                && container.getReadinessProbe() == null && container.getStartupProbe() == null;
    }

    /** An entry gets one message per field: a missing name is not also an invalid one. */
    public static final List<Rule<ListEntry<Container>>> INIT_CONTAINERS = List.of(
            cel(INIT_NAME_REQUIRED, RuleMessages.INIT_NAME_REQUIRED, ".name", ObjectRules::initNameSet),
            notCel(Held.COST_BUDGET, RuleMessages.INIT_NAME_DNS_LABEL, ".name", ObjectRules::initNameDnsLabel),
            cel(INIT_NAME_NOT_APP, RuleMessages.INIT_NAME_NOT_APP, ".name", ObjectRules::initNameNotApp),
            notCel(Held.COST_BUDGET, RuleMessages.INIT_NAME_UNIQUE, ".name", ObjectRules::initNameUnique),
            cel(INIT_IMAGE_NOT_APP, RuleMessages.INIT_IMAGE_NOT_APP, ".image", ObjectRules::initImageNotApp),
            cel(INIT_RESTART_POLICY, RuleMessages.INIT_RESTART_POLICY, ".restartPolicy", ObjectRules::initRestartPolicy),
            cel(INIT_CLASSIC_NO_PROBES, RuleMessages.INIT_CLASSIC_NO_PROBES, "", ObjectRules::initClassicNoProbes));

    /** Over the cost budget as CEL: Container.ports has no maxItems. */
    static boolean portNotTheApps(ListEntry<ContainerPort> p) {
        Integer port = p.value().getContainerPort();
        return port == null || port != ListenAddress.of(p.app().getSpec().env()).port();
    }

    /** The ports of one init container (its entries' paths are under {@code initContainers[i].ports}). */
    public static final List<Rule<ListEntry<ContainerPort>>> INIT_CONTAINER_PORTS = List.of(
            notCel(Held.COST_BUDGET, RuleMessages.INIT_NOT_APP_PORT, ".containerPort", ObjectRules::portNotTheApps));

    // ---- runtimeConfig entries (self = runtimeConfig) ----

    public static final String DUPLICATE_KEY_VALUE_STORE = "!has(self.keyValueStores)"
            + " || self.keyValueStores.all(k, self.keyValueStores.exists_one(j, j.name == k.name))";

    static boolean keyValueStoreUnique(ListEntry<KeyValueStoreConfig> kv) {
        String name = kv.value().name;
        return name == null || kv.before().stream().noneMatch(other -> name.equals(other.name));
    }

    public static final List<Rule<ListEntry<KeyValueStoreConfig>>> KEY_VALUE_STORES = List.of(
            cel(DUPLICATE_KEY_VALUE_STORE, RuleMessages.DUPLICATE_KEY_VALUE_STORE, ".name",
                    ObjectRules::keyValueStoreUnique));

    public static final String DUPLICATE_SQLITE_DATABASE = "!has(self.sqliteDatabases)"
            + " || self.sqliteDatabases.all(k, self.sqliteDatabases.exists_one(j, j.name == k.name))";

    static boolean sqliteDatabaseUnique(ListEntry<SqliteDatabaseConfig> db) {
        String name = db.value().name;
        return name == null || db.before().stream().noneMatch(other -> name.equals(other.name));
    }

    public static final List<Rule<ListEntry<SqliteDatabaseConfig>>> SQLITE_DATABASES = List.of(
            cel(DUPLICATE_SQLITE_DATABASE, RuleMessages.DUPLICATE_SQLITE_DATABASE, ".name",
                    ObjectRules::sqliteDatabaseUnique));

    // ---- SpinAppExecutor spec (self = spec) ----

    /** A schema rule (the field is required), not CEL. */
    static boolean createDeploymentSet(SpinAppExecutorSpec s) {
        return s.createDeployment != null;
    }

    public static final String DEPLOYMENT_CONFIG_REQUIRED = "!self.createDeployment || has(self.deploymentConfig)";

    static boolean deploymentConfigSet(SpinAppExecutorSpec s) {
        return !s.createDeployment() || s.deploymentConfig != null;
    }

    public static final List<Rule<SpinAppExecutorSpec>> EXECUTOR = List.of(
            notCel(Held.SCHEMA, RuleMessages.CREATE_DEPLOYMENT_REQUIRED, "spec.createDeployment",
                    ObjectRules::createDeploymentSet),
            cel(DEPLOYMENT_CONFIG_REQUIRED, RuleMessages.DEPLOYMENT_CONFIG_REQUIRED, "spec.deploymentConfig",
                    ObjectRules::deploymentConfigSet));

    // ---- SpinAppExecutor spec.deploymentConfig, when the executor creates deployments ----

    public static final String RUNTIME_CLASS_XOR_SPIN_IMAGE = "!has(self.deploymentConfig)"
            + " || !has(self.deploymentConfig.runtimeClassName) || !has(self.deploymentConfig.spinImage)";

    static boolean notRuntimeClassAndSpinImage(ExecutorDeploymentConfig c) {
        return c.runtimeClassName().isEmpty() || c.spinImage().isEmpty();
    }

    public static final String RUNTIME_CLASS_OR_SPIN_IMAGE = "!self.createDeployment || !has(self.deploymentConfig)"
            + " || has(self.deploymentConfig.runtimeClassName) || has(self.deploymentConfig.spinImage)";

    static boolean runtimeClassOrSpinImage(ExecutorDeploymentConfig c) {
        return c.runtimeClassName().isPresent() || c.spinImage().isPresent();
    }

    /** A schema bound (maxItems), not CEL, as for an app's env. */
    static boolean executorEnvBounded(ExecutorDeploymentConfig c) {
        return c.env().size() <= SpinAppSpec.MAX_ENV;
    }

    public static final List<Rule<ExecutorDeploymentConfig>> DEPLOYMENT_CONFIG = List.of(
            cel(RUNTIME_CLASS_XOR_SPIN_IMAGE, RuleMessages.RUNTIME_CLASS_XOR_SPIN_IMAGE, ".runtimeClassName",
                    ObjectRules::notRuntimeClassAndSpinImage),
            cel(RUNTIME_CLASS_OR_SPIN_IMAGE, RuleMessages.RUNTIME_CLASS_OR_SPIN_IMAGE, ".runtimeClassName",
                    ObjectRules::runtimeClassOrSpinImage),
            notCel(Held.SCHEMA, RuleMessages.TOO_MANY_ENV, ".env", ObjectRules::executorEnvBounded));

    // ---- helpers of the Java rules ----

    private static String name(EnvVar e) {
        return e.getName() == null ? "" : e.getName();
    }

    private static String name(ListEntry<Container> c) {
        return c.value().getName() == null ? "" : c.value().getName();
    }

    /** The invocation memory in bytes, when it is a valid quantity. */
    private static Optional<BigDecimal> invocationMemory(SpinAppSpec s) {
        String memory = s.invocationLimits == null ? null : s.invocationLimits.memory;
        return memory == null || !QUANTITY_FORMAT.matcher(memory).matches() ? Optional.empty() : bytes(memory);
    }

    /** Holds unless both the invocation memory and the container's memory are quantities, the first the larger. */
    private static boolean invocationMemoryWithin(SpinAppSpec s, Map<String, Quantity> resources) {
        Quantity container = resources == null ? null : resources.get("memory");
        Optional<BigDecimal> containerBytes = container == null ? Optional.empty() : bytes(container.toString());
        return invocationMemory(s).flatMap(memory -> containerBytes.map(limit -> memory.compareTo(limit) <= 0))
                .orElse(true);
    }

    private static Optional<BigDecimal> bytes(String quantity) {
        try {
            return Optional.of(Quantity.getAmountInBytes(new Quantity(quantity)));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
