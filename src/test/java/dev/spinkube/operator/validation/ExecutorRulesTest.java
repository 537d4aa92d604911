package dev.spinkube.operator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.spinkube.operator.testing.Yaml;

class ExecutorRulesTest {

    static List<String> check(String spec) {
        return ExecutorRules.check(Yaml.executor("e", spec).getSpec()).stream().map(Violation::toString).toList();
    }

    /** Each bad executor of the bad-input table breaks one rule; these break none. */
    static Stream<String> goodInputs() {
        return Stream.of("{createDeployment: false}",
                "{createDeployment: true, deploymentConfig: {runtimeClassName: wasmtime-spin-v2}}",
                "{createDeployment: true, deploymentConfig: {spinImage: 'ghcr.io/fermyon/spin:v2.7.0',"
                        + " env: [{name: A}]}}");
    }

    @ParameterizedTest
    @MethodSource("goodInputs")
    void validExecutorPasses(String spec) {
        assertEquals(List.of(), check(spec));
    }
}
