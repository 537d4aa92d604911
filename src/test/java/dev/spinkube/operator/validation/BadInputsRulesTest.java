package dev.spinkube.operator.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.spinkube.operator.api.ObjectRulesTables;
import dev.spinkube.operator.api.v1alpha1.Rule;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;

/**
 * The shared bad-input table through the Java rules (what the webhook and the reconciler call): each case breaks
 * exactly its rule, and says whether the CRD holds that rule as the rule's table does.
 */
class BadInputsRulesTest {

    static Stream<BadInputs> cases() {
        return BadInputs.forLayer("java");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithItsMessageAndNothingElse(BadInputs c) throws Exception {
        List<Violation> got = "SpinApp".equals(c.kind())
                ? SpinAppRules.checkApp(BadInputs.YAML.treeToValue(c.object(), SpinApp.class))
                : ExecutorRules.check(BadInputs.YAML.treeToValue(c.object(), SpinAppExecutor.class).getSpec());
        assertEquals(List.of(c.expected()), got.stream().map(Violation::toString).toList(), c.name());
    }

    /**
     * The API server alone refuses a case when the CRD holds its rule (as CEL or by its schema), never when the rule
     * is over the CEL cost budget: the case's layers say so, as its rule's table does.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCaseIsACelCaseWhenTheCrdHoldsItsRule(BadInputs c) {
        Set<Rule.Held> held = ObjectRulesTables.all().stream().filter(r -> r.message().equals(c.message()))
                .map(Rule::held).collect(Collectors.toSet());
        assertEquals(1, held.size(), c.name() + ": the rows with its message: " + held);
        switch (held.iterator().next()) {
            case CEL, SCHEMA -> assertTrue(c.layers().contains("cel"), c.name() + " is held " + held);
            case COST_BUDGET -> assertFalse(c.layers().contains("cel"), c.name() + " is held " + held);
            case WEBHOOK_DEFAULT -> {
                // an absent executor is refused by the schema, an empty one only by the webhook and the reconciler
            }
        }
    }

    @Test
    void everyRuleOfTheTablesHasABadInput() {
        Set<String> messages = BadInputs.forLayer("java").map(BadInputs::message).collect(Collectors.toSet());
        List<String> untested = ObjectRulesTables.all().stream().map(Rule::message).filter(m -> !messages.contains(m))
                .distinct().toList();
        assertTrue(untested.isEmpty(), "rules without a bad input: " + untested);
    }

    @Test
    void theTableCoversAtLeastFortyBadInputs() {
        long all = Stream.of("java", "webhook", "reconciler", "cel").flatMap(BadInputs::forLayer).map(BadInputs::name)
                .distinct().count();
        assertTrue(all >= 40, "bad inputs: " + all);
        assertFalse(BadInputs.forLayer("java").toList().isEmpty());
    }
}
