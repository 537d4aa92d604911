package dev.spinkube.operator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.spinkube.operator.render.Manifests;

class ExecutorRulesTest {

    static List<String> check(String spec) {
        String yaml = "apiVersion: core.spinkube.dev/v1alpha1\nkind: SpinAppExecutor\nmetadata: {name: e}\nspec: " + spec;
        return ExecutorRules.check(Manifests.parse(yaml, "test").executors.get(0).getSpec()).stream()
                .map(Violation::toString).toList();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("{createDeployment: true, deploymentConfig: {runtimeClassName: a, spinImage: b}}",
                        List.of("spec.deploymentConfig.runtimeClassName: runtimeClassName and spinImage are mutually exclusive")),
                Arguments.of("{createDeployment: true, deploymentConfig: {installDefaultCACerts: true}}",
                        List.of("spec.deploymentConfig.runtimeClassName: either runtimeClassName or spinImage must be set")),
                Arguments.of("{createDeployment: true}",
                        List.of("spec.deploymentConfig: deploymentConfig must be set when createDeployment is true")),
                Arguments.of("{}", List.of("spec.createDeployment: createDeployment must be set to true or false")),
                Arguments.of("{createDeployment: true, deploymentConfig: {runtimeClassName: a, env: [{name: SPIN_VARIABLE_X, value: y}]}}",
                        List.of("spec.deploymentConfig.env[0].name: SPIN_VARIABLE_* env vars are set by the operator: use spec.variables instead")),
                Arguments.of("{createDeployment: true, deploymentConfig: {runtimeClassName: a, env: ["
                        + "{name: A, value: b}, ".repeat(129) + "]}}",
                        List.of("spec.deploymentConfig.env: env must have at most 128 items")),
                Arguments.of("{createDeployment: false}", List.of()),
                Arguments.of("{createDeployment: true, deploymentConfig: {spinImage: ghcr.io/fermyon/spin:v2.7.0}}", List.of()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void executorRules(String spec, List<String> expected) {
        assertEquals(expected, check(spec));
    }
}
