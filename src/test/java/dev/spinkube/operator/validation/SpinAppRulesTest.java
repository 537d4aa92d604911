package dev.spinkube.operator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.spinkube.operator.api.v1alpha1.RuleMessages;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.testing.Yaml;

/**
 * What the bad-input table (bad-inputs.yaml, {@link BadInputsRulesTest}) cannot say: good inputs pass, several
 * broken rules are reported in one order, and the rules that need the app's executor.
 */
class SpinAppRulesTest {

    static SpinApp app(String spec) {
        return Yaml.app("web", spec);
    }

    static final String OK = "executor: shim\nimage: ghcr.io/example/app:v1\n";

    static Stream<String> goodInputs() {
        return Stream.of(OK, OK + "replicas: 3", OK + "enableAutoscaling: true",
                OK + "env: [{name: SPIN_HTTP_LISTEN_ADDR, value: '127.0.0.1:3000'}, {name: RUST_LOG, value: info}]",
                OK + """
                        initContainers:
                        - {name: logshipper, image: alpine, restartPolicy: Always, ports: [{containerPort: 8080}],
                           readinessProbe: {tcpSocket: {port: 8080}}}
                        - {name: init-db, image: busybox}
                        """,
                OK + """
                        invocationLimits: {memory: 64Mi}
                        resources: {limits: {memory: 128Mi}, requests: {memory: 64Mi}}
                        """);
    }

    /** Several rules broken at once: each is reported, in one fixed order (the status message joins them so). */
    @Test
    void brokenRulesAreReportedInOneOrder() {
        SpinApp app = app("""
                executor: ''
                image: ''
                enableAutoscaling: true
                replicas: 2
                imagePullPolicy: Sometimes
                invocationLimits: {memory: 256Mi}
                resources: {limits: {memory: 128Mi}, requests: {memory: 128Mi}}
                env:
                - {name: SPIN_COMPONENTS_TO_RETAIN, value: a}
                - {name: SPIN_VARIABLE_X, value: b}
                - {name: SPIN_HTTP_LISTEN_ADDR, value: '0.0.0.0:3000'}
                - {name: '', value: x}
                initContainers:
                - {name: Bad_Name, image: busybox}
                - {name: Bad_Name, image: busybox}
                - {name: web, image: alpine}
                - {name: web, image: ''}
                - {name: a, image: x, restartPolicy: Never, readinessProbe: {tcpSocket: {port: 9}}}
                - {name: a, image: y, ports: [{containerPort: 3000}, {containerPort: 8080}, {containerPort: 3000}]}
                - {image: z, startupProbe: {tcpSocket: {port: 9}}}
                runtimeConfig:
                  keyValueStores: [{name: default, type: redis}, {name: default, type: spin}, {name: default, type: x}]
                  sqliteDatabases: [{name: db, type: libsql}, {name: db, type: spin}]
                """);
        assertEquals(List.of(
                "spec.executor: " + RuleMessages.EXECUTOR_REQUIRED,
                "spec.image: " + RuleMessages.IMAGE_REQUIRED,
                "spec.replicas: " + RuleMessages.REPLICAS_WITH_AUTOSCALING,
                "spec.imagePullPolicy: " + RuleMessages.IMAGE_PULL_POLICY,
                "spec.invocationLimits.memory: " + RuleMessages.INVOCATION_MEMORY_ABOVE_LIMIT,
                "spec.invocationLimits.memory: " + RuleMessages.INVOCATION_MEMORY_ABOVE_REQUEST,
                "spec.env[0].name: " + RuleMessages.ENV_COMPONENTS,
                "spec.env[1].name: " + RuleMessages.ENV_SPIN_VARIABLE,
                "spec.env[3].name: " + RuleMessages.ENV_NAME_REQUIRED,
                "spec.initContainers[0].name: " + RuleMessages.INIT_NAME_DNS_LABEL,
                "spec.initContainers[1].name: " + RuleMessages.INIT_NAME_DNS_LABEL,
                "spec.initContainers[2].name: " + RuleMessages.INIT_NAME_NOT_APP,
                "spec.initContainers[3].name: " + RuleMessages.INIT_NAME_NOT_APP,
                "spec.initContainers[3].image: " + RuleMessages.INIT_IMAGE_NOT_APP,
                "spec.initContainers[4].restartPolicy: " + RuleMessages.INIT_RESTART_POLICY,
                "spec.initContainers[5].name: " + RuleMessages.INIT_NAME_UNIQUE,
                "spec.initContainers[5].ports[0].containerPort: " + RuleMessages.INIT_NOT_APP_PORT,
                "spec.initContainers[5].ports[2].containerPort: " + RuleMessages.INIT_NOT_APP_PORT,
                "spec.initContainers[6].name: " + RuleMessages.INIT_NAME_REQUIRED,
                "spec.initContainers[6]: " + RuleMessages.INIT_CLASSIC_NO_PROBES,
                "spec.runtimeConfig.keyValueStores[1].name: " + RuleMessages.DUPLICATE_KEY_VALUE_STORE,
                "spec.runtimeConfig.keyValueStores[2].name: " + RuleMessages.DUPLICATE_KEY_VALUE_STORE,
                "spec.runtimeConfig.sqliteDatabases[1].name: " + RuleMessages.DUPLICATE_SQLITE_DATABASE),
                SpinAppRules.checkApp(app).stream().map(Violation::toString).toList());
    }

    static SpinAppExecutor executor(String spec) {
        return Yaml.executor("shim", spec);
    }

    @Test
    void anInvalidExecutorIsReportedOnTheAppsExecutorField() {
        var executor = executor("{createDeployment: true, deploymentConfig: {runtimeClassName: a, spinImage: b,"
                + " env: [{name: SPIN_VARIABLE_X, value: y}]}}");
        assertEquals(List.of("spec.executor: executor \"shim\" is invalid: spec.deploymentConfig.runtimeClassName: "
                + RuleMessages.RUNTIME_CLASS_XOR_SPIN_IMAGE, "spec.executor: executor \"shim\" is invalid: "
                + "spec.deploymentConfig.env[0].name: " + RuleMessages.ENV_SPIN_VARIABLE),
                SpinAppRules.check(app(OK), executor).stream().map(Violation::toString).toList());
    }

    @Test
    void deploymentAndPodAnnotationsNeedAnExecutorThatCreatesDeployments() {
        var app = app(OK + "deploymentAnnotations: {a: b}\npodAnnotations: {c: d}\nserviceAnnotations: {e: f}");
        assertEquals(List.of("spec.deploymentAnnotations: " + RuleMessages.DEPLOYMENT_ANNOTATIONS_WITHOUT_DEPLOYMENT,
                "spec.podAnnotations: " + RuleMessages.POD_ANNOTATIONS_WITHOUT_DEPLOYMENT),
                SpinAppRules.check(app, executor("{createDeployment: false}")).stream().map(Violation::toString)
                        .toList());
        var creating = executor("{createDeployment: true, deploymentConfig: {runtimeClassName: a}}");
        assertEquals(List.of(), SpinAppRules.check(app, creating));
    }

    @ParameterizedTest
    @MethodSource("goodInputs")
    void validInputPasses(String spec) {
        assertEquals(List.of(), SpinAppRules.checkApp(app(spec)));
    }
}
