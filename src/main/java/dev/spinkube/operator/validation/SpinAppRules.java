package dev.spinkube.operator.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;
import dev.spinkube.operator.desired.InitContainers;
import dev.spinkube.operator.desired.ListenAddress;
import dev.spinkube.operator.desired.SpinContainerEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The rules a SpinApp must follow before anything is applied for it; each message names the field and
 * says what to do. The reconciler, the renderer and the admission webhook all call this.
 */
public final class SpinAppRules {
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
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
                            "deploymentAnnotations can't be set when the executor does not use operator deployments"));
                }
                if (spec.podAnnotations != null && !spec.podAnnotations.isEmpty()) {
                    v.add(new Violation("spec.podAnnotations",
                            "podAnnotations can't be set when the executor does not use operator deployments"));
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
                    "executor must be set, likely no default executor was set because you have no executors installed"));
        }
        if (spec.image == null || spec.image.isEmpty()) {
            v.add(new Violation("spec.image", "image must be set to the app's OCI reference"));
        }
        boolean autoscaling = Boolean.TRUE.equals(spec.enableAutoscaling);
        if (autoscaling && spec.replicas != null && spec.replicas != 0) {
            v.add(new Violation("spec.replicas", "replicas cannot be set when autoscaling is enabled"));
        }
        if (!autoscaling && spec.replicas != null && spec.replicas < 1) {
            v.add(new Violation("spec.replicas", "replicas must be > 0"));
        }
        if (spec.imagePullPolicy != null && !PULL_POLICIES.contains(spec.imagePullPolicy)) {
            v.add(new Violation("spec.imagePullPolicy", "imagePullPolicy must be one of Always, IfNotPresent, Never"));
        }
        invocationMemory(spec, v);
        env("spec.env", spec.env, v);
        initContainers(app, v);
        return v;
    }

    private static void invocationMemory(SpinAppSpec spec, List<Violation> v) {
        if (spec.invocationLimits == null || spec.invocationLimits.memory == null) {
            return;
        }
        String memory = spec.invocationLimits.memory;
        BigDecimal bytes = bytes(memory);
        if (bytes == null) {
            v.add(new Violation("spec.invocationLimits.memory", "invocationLimits.memory \"" + memory
                    + "\" must be a Kubernetes quantity such as 128Mi"));
            return;
        }
        for (String kind : List.of("limits", "requests")) {
            var map = spec.resources == null ? null : "limits".equals(kind) ? spec.resources.limits : spec.resources.requests;
            Quantity q = map == null ? null : map.get("memory");
            BigDecimal container = q == null ? null : bytes(q.toString());
            if (container != null && bytes.compareTo(container) > 0) {
                v.add(new Violation("spec.invocationLimits.memory", "invocationLimits.memory " + memory
                        + " must not exceed resources." + kind + ".memory " + q));
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

    /** Env names the operator sets itself, and the listen address format (app and executor env alike). */
    static void env(String path, List<EnvVar> env, List<Violation> v) {
        List<EnvVar> list = orEmpty(env);
        for (int i = 0; i < list.size(); i++) {
            EnvVar e = list.get(i);
            String at = path + "[" + i + "]";
            String name = e.getName() == null ? "" : e.getName();
            if (name.isEmpty()) {
                v.add(new Violation(at + ".name", "env name must be set"));
            } else if (name.startsWith(SpinContainerEnv.VARIABLE_PREFIX)) {
                v.add(new Violation(at + ".name", name + " is set by the operator: use spec.variables instead"));
            } else if (name.equals(SpinContainerEnv.COMPONENTS_TO_RETAIN)) {
                v.add(new Violation(at + ".name", name + " is set by the operator: use spec.components instead"));
            } else if (name.equals(SpinContainerEnv.MAX_INSTANCE_MEMORY)) {
                v.add(new Violation(at + ".name",
                        name + " is set by the operator: use spec.invocationLimits.memory instead"));
            } else if (name.equals("SPIN_RUNTIME_CONFIG_FILE")) {
                v.add(new Violation(at + ".name", name + " is always /runtime-config.toml, where the operator mounts"
                        + " the runtime config: use spec.runtimeConfig instead"));
            } else if (name.equals(ListenAddress.ENV_NAME)) {
                if (e.getValueFrom() != null || ListenAddress.parse(e.getValue()).isEmpty()) {
                    v.add(new Violation(at + ".value", ListenAddress.ENV_NAME + " must be a literal host:port with a port"
                            + " from 1 to 65535, e.g. 0.0.0.0:3000 (got \"" + e.getValue() + "\")"));
                }
            }
        }
    }

    private static void initContainers(SpinApp app, List<Violation> v) {
        SpinAppSpec spec = app.getSpec();
        List<Container> list = spec.initContainers == null ? List.of() : spec.initContainers;
        String appName = app.getMetadata().getName();
        int port = SpinContainerEnv.listenAddress(orEmpty(spec.env)).port();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Container c = list.get(i);
            String at = "spec.initContainers[" + i + "]";
            String name = c.getName();
            if (name == null || name.isEmpty()) {
                v.add(new Violation(at + ".name", "initContainers[" + i + "] must have a name"));
            } else if (!DNS_LABEL.matcher(name).matches() || name.length() > 63) {
                v.add(new Violation(at + ".name", "initContainers[" + i + "].name \"" + name
                        + "\" must be a DNS label: lower-case letters, digits and '-', at most 63 characters"));
            } else if (name.equals(appName)) {
                v.add(new Violation(at + ".name", "initContainers[" + i + "].name \"" + name
                        + "\" must differ from the SpinApp's name, which the Spin container uses"));
            } else if (!names.add(name)) {
                v.add(new Violation(at + ".name", "initContainers[" + i + "].name \"" + name
                        + "\" is already used by another container of the pod"));
            }
            if (c.getImage() != null && c.getImage().equals(spec.image)) {
                v.add(new Violation(at + ".image", "initContainers[" + i + "].image must differ from the SpinApp's image"));
            }
            String restart = c.getRestartPolicy();
            if (restart != null && !InitContainers.SIDECAR_RESTART_POLICY.equals(restart)) {
                v.add(new Violation(at + ".restartPolicy", "initContainers[" + i + "].restartPolicy must be Always"
                        + " (a sidecar) or unset (an init container), not \"" + restart + "\""));
            }
            if (restart == null && (c.getLivenessProbe() != null || c.getReadinessProbe() != null
                    || c.getStartupProbe() != null)) {
                v.add(new Violation(at, "initContainers[" + i + "] is a classic init container: probes are only"
                        + " allowed on sidecars (restartPolicy: Always)"));
            }
            List<ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts();
            for (int p = 0; p < ports.size(); p++) {
                if (ports.get(p).getContainerPort() != null && ports.get(p).getContainerPort() == port) {
                    v.add(new Violation(at + ".ports[" + p + "].containerPort", "initContainers[" + i
                            + "] must not use port " + port + ", the Spin app's port; pick another port"));
                }
            }
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
