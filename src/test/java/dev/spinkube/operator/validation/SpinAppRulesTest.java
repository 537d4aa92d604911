package dev.spinkube.operator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.render.Manifests;

/** One bad input per rule, each with the exact message users see; and good inputs pass untouched. */
class SpinAppRulesTest {

    static SpinApp app(String specYaml) {
        String yaml = "apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinApp\nmetadata: {name: web, namespace: default}\nspec:\n"
                + specYaml.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
        return Manifests.parse(yaml, "test").apps.get(0);
    }

    static final String OK = "executor: shim\nimage: ghcr.io/example/app:v1\n";

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("image: i", "spec.executor: executor must be set, likely no default executor was set because you have no executors installed"),
                Arguments.of("executor: shim", "spec.image: image must be set to the app's OCI reference"),
                Arguments.of(OK + "enableAutoscaling: true\nreplicas: 2", "spec.replicas: replicas cannot be set when autoscaling is enabled"),
                Arguments.of(OK + "replicas: 0", "spec.replicas: replicas must be > 0"),
                Arguments.of(OK + "replicas: -3", "spec.replicas: replicas must be > 0"),
                Arguments.of(OK + "imagePullPolicy: Sometimes", "spec.imagePullPolicy: imagePullPolicy must be one of Always, IfNotPresent, Never"),
                Arguments.of(OK + "invocationLimits: {memory: lots}", "spec.invocationLimits.memory: invocationLimits.memory \"lots\" must be a Kubernetes quantity such as 128Mi"),
                Arguments.of(OK + "invocationLimits: {memory: 256Mi}\nresources: {limits: {memory: 128Mi}}", "spec.invocationLimits.memory: invocationLimits.memory 256Mi must not exceed resources.limits.memory 128Mi"),
                Arguments.of(OK + "env: [{name: SPIN_VARIABLE_PASSWORD, value: x}]", "spec.env[0].name: SPIN_VARIABLE_PASSWORD is set by the operator: use spec.variables instead"),
                Arguments.of(OK + "env: [{name: SPIN_COMPONENTS_TO_RETAIN, value: a}]", "spec.env[0].name: SPIN_COMPONENTS_TO_RETAIN is set by the operator: use spec.components instead"),
                Arguments.of(OK + "env: [{name: RUST_LOG, value: a}, {name: SPIN_MAX_INSTANCE_MEMORY, value: '1'}]", "spec.env[1].name: SPIN_MAX_INSTANCE_MEMORY is set by the operator: use spec.invocationLimits.memory instead"),
                Arguments.of(OK + "env: [{name: SPIN_RUNTIME_CONFIG_FILE, value: /x.toml}]", "spec.env[0].name: SPIN_RUNTIME_CONFIG_FILE is always /runtime-config.toml, where the operator mounts the runtime config: use spec.runtimeConfig instead"),
                Arguments.of(OK + "env: [{name: SPIN_HTTP_LISTEN_ADDR, value: '3000'}]", "spec.env[0].value: SPIN_HTTP_LISTEN_ADDR must be a literal host:port with a port from 1 to 65535, e.g. 0.0.0.0:3000 (got \"3000\")"),
                Arguments.of(OK + "env: [{name: SPIN_HTTP_LISTEN_ADDR, value: '0.0.0.0:70000'}]", "spec.env[0].value: SPIN_HTTP_LISTEN_ADDR must be a literal host:port with a port from 1 to 65535, e.g. 0.0.0.0:3000 (got \"0.0.0.0:70000\")"),
                Arguments.of(OK + "env: [{name: '', value: x}]", "spec.env[0].name: env name must be set"),
                Arguments.of(OK + "initContainers: [{image: busybox}]", "spec.initContainers[0].name: initContainers[0] must have a name"),
                Arguments.of(OK + "initContainers: [{name: Log_Shipper, image: busybox}]", "spec.initContainers[0].name: initContainers[0].name \"Log_Shipper\" must be a DNS label: lower-case letters, digits and '-', at most 63 characters"),
                Arguments.of(OK + "initContainers: [{name: web, image: busybox}]", "spec.initContainers[0].name: initContainers[0].name \"web\" must differ from the SpinApp's name, which the Spin container uses"),
                Arguments.of(OK + "initContainers: [{name: a, image: busybox}, {name: a, image: alpine}]", "spec.initContainers[1].name: initContainers[1].name \"a\" is already used by another container of the pod"),
                Arguments.of(OK + "initContainers: [{name: a, image: 'ghcr.io/example/app:v1'}]", "spec.initContainers[0].image: initContainers[0].image must differ from the SpinApp's image"),
                Arguments.of(OK + "initContainers: [{name: a, image: b, restartPolicy: Never}]", "spec.initContainers[0].restartPolicy: initContainers[0].restartPolicy must be Always (a sidecar) or unset (an init container), not \"Never\""),
                Arguments.of(OK + "initContainers: [{name: a, image: b, readinessProbe: {tcpSocket: {port: 9}}}]", "spec.initContainers[0]: initContainers[0] is a classic init container: probes are only allowed on sidecars (restartPolicy: Always)"),
                Arguments.of(OK + "initContainers: [{name: a, image: b, restartPolicy: Always, ports: [{containerPort: 80}]}]", "spec.initContainers[0].ports[0].containerPort: initContainers[0] must not use port 80, the Spin app's port; pick another port"),
                Arguments.of(OK + "env: [{name: SPIN_HTTP_LISTEN_ADDR, value: '0.0.0.0:3000'}]\ninitContainers: [{name: a, image: b, restartPolicy: Always, ports: [{containerPort: 3000}]}]", "spec.initContainers[0].ports[0].containerPort: initContainers[0] must not use port 3000, the Spin app's port; pick another port"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsRefusedWithItsMessage(String spec, String expected) {
        assertEquals(List.of(expected), SpinAppRules.checkApp(app(spec)).stream().map(Violation::toString).toList());
    }

    static Stream<String> goodInputs() {
        return Stream.of(OK, OK + "replicas: 3", OK + "enableAutoscaling: true",
                OK + "env: [{name: SPIN_HTTP_LISTEN_ADDR, value: '127.0.0.1:3000'}, {name: RUST_LOG, value: info}]",
                OK + "initContainers: [{name: logshipper, image: alpine, restartPolicy: Always, ports: [{containerPort: 8080}], readinessProbe: {tcpSocket: {port: 8080}}}, {name: init-db, image: busybox}]",
                OK + "invocationLimits: {memory: 64Mi}\nresources: {limits: {memory: 128Mi}, requests: {memory: 64Mi}}");
    }

    @ParameterizedTest
    @MethodSource("goodInputs")
    void validInputPasses(String spec) {
        assertEquals(List.of(), SpinAppRules.checkApp(app(spec)));
    }
}
