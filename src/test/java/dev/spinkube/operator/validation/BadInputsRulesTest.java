package dev.spinkube.operator.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;

/** The shared bad-input table through the Java rules (what the webhook and the reconciler call). */
class BadInputsRulesTest {

    static Stream<BadInputs> cases() {
        return BadInputs.forLayer("java");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithItsMessage(BadInputs c) throws Exception {
        List<String> got = "SpinApp".equals(c.kind())
                ? SpinAppRules.checkApp(BadInputs.YAML.treeToValue(c.object(), SpinApp.class)).stream().map(Violation::toString).toList()
                : ExecutorRules.check(BadInputs.YAML.treeToValue(c.object(), SpinAppExecutor.class).getSpec()).stream()
                        .map(Violation::toString).toList();
        assertTrue(got.contains(c.expected()), c.name() + ": expected " + c.expected() + " in " + got);
    }

    @Test
    void theTableCoversAtLeastFortyBadInputs() {
        long all = Stream.of("java", "webhook", "reconciler", "cel").flatMap(BadInputs::forLayer).map(BadInputs::name)
                .distinct().count();
        assertTrue(all >= 40, "bad inputs: " + all);
    }
}
