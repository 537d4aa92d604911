package dev.spinkube.operator.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.spinkube.operator.api.v1alpha1.CelRules;
import dev.spinkube.operator.api.v1alpha1.Messages;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;
import dev.spinkube.operator.spin.ListenAddress;
import dev.spinkube.operator.spin.NativeSidecar;
import dev.spinkube.operator.spin.SpinEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The rules a SpinApp must follow before anything is applied for it; each message names the field and
 * says what to do. The reconciler, the renderer and the admission webhook all call this.
 */
public final class SpinAppRules {
    static final Pattern DNS_LABEL = Pattern.compile(CelRules.Patterns.DNS_LABEL);
    static final Pattern QUANTITY = Pattern.compile(CelRules.Patterns.QUANTITY);
    static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");

    private SpinAppRules() {
    }

    /** Rules on the app alone plus those that need its executor (null when it is not known). */
    public static List<Violation> check(SpinApp app, SpinAppExecutor executor) {
        List<Violation> v = new ArrayList<>(checkApp(app));
        if (executor != null) {
            ExecutorRules.check(executor.getSpec()).forEach(e -> v.add(new Violation("spec.executor",
                    "executor \"" + executor.getMetadata().getName() + "\" is invalid: " + e)));
            if (!Boolean.TRUE.equals(executor.getSpec().createDeployment)) {
                SpinAppSpec spec = app.getSpec();
                if (spec.deploymentAnnotations != null && !spec.deploymentAnnotations.isEmpty()) {
                    v.add(new Violation("spec.deploymentAnnotations",
                            Messages.DEPLOYMENT_ANNOTATIONS_WITHOUT_DEPLOYMENT));
                }
                if (spec.podAnnotations != null && !spec.podAnnotations.isEmpty()) {
                    v.add(new Violation("spec.podAnnotations",
                            Messages.POD_ANNOTATIONS_WITHOUT_DEPLOYMENT));
                }
            }
        }
        return v;
    }

    /** The rules that need nothing but the app itself (also enforced as CEL in the CRD). */
    public static List<Violation> checkApp(SpinApp app) {
        SpinAppSpec spec = app.getSpec();
        List<Violation> v = new ArrayList<>();
        if (spec.executor == null || spec.executor.isEmpty()) {
            v.add(new Violation("spec.executor",
                    Messages.EXECUTOR_REQUIRED));
        }
        if (spec.image == null || spec.image.isEmpty()) {
            v.add(new Violation("spec.image", Messages.IMAGE_REQUIRED));
        }
        boolean autoscaling = Boolean.TRUE.equals(spec.enableAutoscaling);
        if (autoscaling && spec.replicas != null && spec.replicas != 0) {
            v.add(new Violation("spec.replicas", Messages.REPLICAS_WITH_AUTOSCALING));
        }
        if (!autoscaling && spec.replicas != null && spec.replicas < 1) {
            v.add(new Violation("spec.replicas", Messages.REPLICAS_POSITIVE));
        }
        if (spec.imagePullPolicy != null && !PULL_POLICIES.contains(spec.imagePullPolicy)) {
            v.add(new Violation("spec.imagePullPolicy", Messages.IMAGE_PULL_POLICY));
        }
        invocationMemory(spec, v);
        if (orEmpty(spec.initContainers).size() > SpinAppSpec.MAX_INIT_CONTAINERS) {
            v.add(new Violation("spec.initContainers", Messages.TOO_MANY_INIT_CONTAINERS));
        }
        env("spec.env", spec.env, v);
        initContainers(app, v);
        if (spec.runtimeConfig != null) {
            unique("spec.runtimeConfig.keyValueStores", orEmpty(spec.runtimeConfig.keyValueStores).stream()
                    .map(k -> k.name).toList(), Messages.DUPLICATE_KEY_VALUE_STORE, v);
            unique("spec.runtimeConfig.sqliteDatabases", orEmpty(spec.runtimeConfig.sqliteDatabases).stream()
                    .map(d -> d.name).toList(), Messages.DUPLICATE_SQLITE_DATABASE, v);
        }
        return v;
    }

    private static void invocationMemory(SpinAppSpec spec, List<Violation> v) {
        if (spec.invocationLimits == null || spec.invocationLimits.memory == null) {
            return;
        }
        String memory = spec.invocationLimits.memory;
        BigDecimal bytes = QUANTITY.matcher(memory).matches() ? bytes(memory) : null;
        if (bytes == null) {
            v.add(new Violation("spec.invocationLimits.memory", Messages.INVOCATION_MEMORY_QUANTITY));
            return;
        }
        for (String kind : List.of("limits", "requests")) {
            var map = spec.resources == null ? null : "limits".equals(kind) ? spec.resources.limits : spec.resources.requests;
            Quantity q = map == null ? null : map.get("memory");
            BigDecimal container = q == null ? null : bytes(q.toString());
            if (container != null && bytes.compareTo(container) > 0) {
                v.add(new Violation("spec.invocationLimits.memory", "limits".equals(kind)
                        ? Messages.INVOCATION_MEMORY_ABOVE_LIMIT : Messages.INVOCATION_MEMORY_ABOVE_REQUEST));
            }
        }
    }

    private static BigDecimal bytes(String quantity) {
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /** The env bound, names the operator sets itself, and the listen address format (app and executor env alike). */
    static void env(String path, List<EnvVar> env, List<Violation> v) {
        List<EnvVar> list = orEmpty(env);
        if (list.size() > SpinAppSpec.MAX_ENV) {
            v.add(new Violation(path, Messages.TOO_MANY_ENV));
        }
        for (int i = 0; i < list.size(); i++) {
            EnvVar e = list.get(i);
            String at = path + "[" + i + "]";
            String name = e.getName() == null ? "" : e.getName();
            if (name.isEmpty()) {
                v.add(new Violation(at + ".name", Messages.ENV_NAME_REQUIRED));
            } else if (name.startsWith(SpinEnv.VARIABLE_PREFIX)) {
                v.add(new Violation(at + ".name", Messages.ENV_SPIN_VARIABLE));
            } else if (name.equals(SpinEnv.COMPONENTS_TO_RETAIN)) {
                v.add(new Violation(at + ".name", Messages.ENV_COMPONENTS));
            } else if (name.equals(SpinEnv.MAX_INSTANCE_MEMORY)) {
                v.add(new Violation(at + ".name", Messages.ENV_MAX_MEMORY));
            } else if (name.equals(SpinEnv.RUNTIME_CONFIG_FILE)) {
                v.add(new Violation(at + ".name", Messages.ENV_RUNTIME_CONFIG_FILE));
            } else if (name.equals(SpinEnv.LISTEN_ADDRESS)) {
                if (e.getValueFrom() != null || ListenAddress.parse(e.getValue()).isEmpty()) {
                    v.add(new Violation(at + ".value", Messages.ENV_LISTEN_ADDRESS));
                }
            }
        }
    }

    private static void initContainers(SpinApp app, List<Violation> v) {
        SpinAppSpec spec = app.getSpec();
        List<Container> list = spec.initContainers == null ? List.of() : spec.initContainers;
        String appName = app.getMetadata().getName();
        int port = ListenAddress.of(orEmpty(spec.env)).port();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Container c = list.get(i);
            String at = "spec.initContainers[" + i + "]";
            String name = c.getName();
            if (name == null || name.isEmpty()) {
                v.add(new Violation(at + ".name", Messages.INIT_NAME_REQUIRED));
            } else if (!DNS_LABEL.matcher(name).matches() || name.length() > 63) {
                v.add(new Violation(at + ".name", Messages.INIT_NAME_DNS_LABEL));
            } else if (name.equals(appName)) {
                v.add(new Violation(at + ".name", Messages.INIT_NAME_NOT_APP));
            } else if (!names.add(name)) {
                v.add(new Violation(at + ".name", Messages.INIT_NAME_UNIQUE));
            }
            if (c.getImage() != null && c.getImage().equals(spec.image)) {
                v.add(new Violation(at + ".image", Messages.INIT_IMAGE_NOT_APP));
            }
            String restart = c.getRestartPolicy();
            if (restart != null && !NativeSidecar.RESTART_POLICY.equals(restart)) {
                v.add(new Violation(at + ".restartPolicy", Messages.INIT_RESTART_POLICY));
            }
            if (restart == null && (c.getLivenessProbe() != null || c.getReadinessProbe() != null
                    || c.getStartupProbe() != null)) {
                v.add(new Violation(at, Messages.INIT_CLASSIC_NO_PROBES));
            }
            List<ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts();
            for (int p = 0; p < ports.size(); p++) {
                if (ports.get(p).getContainerPort() != null && ports.get(p).getContainerPort() == port) {
                    v.add(new Violation(at + ".ports[" + p + "].containerPort", Messages.INIT_NOT_APP_PORT));
                }
            }
        }
    }

    private static void unique(String path, List<String> names, String message, List<Violation> v) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) != null && !seen.add(names.get(i))) {
                v.add(new Violation(path + "[" + i + "].name", message));
            }
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
