package dev.spinkube.operator.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.spinkube.operator.api.v1alpha1.Rule;

/** Applies the rule tables of {@code ObjectRules} to objects: one Violation per broken rule, in table order. */
final class Checks {
    private Checks() {
    }

    /** Every rule of the table the object breaks. */
    static <T> void brokenRules(List<Rule<T>> rules, T object, String path, List<Violation> into) {
        for (Rule<T> rule : rules) {
            if (!rule.holds().test(object)) {
                into.add(new Violation(path + rule.field(), rule.message()));
            }
        }
    }

    /**
     * For each entry of a list ({@code path[i]}), the first rule it breaks per field: an entry without a name is told
     * so, not also that its name is no DNS label.
     */
    static <T> void brokenRulesPerEntry(List<Rule<T>> rules, List<T> entries, String path, List<Violation> into) {
        for (int i = 0; i < entries.size(); i++) {
            firstBrokenPerField(rules, entries.get(i), path + "[" + i + "]", into);
        }
    }

    static <T> void firstBrokenPerField(List<Rule<T>> rules, T entry, String path, List<Violation> into) {
        Set<String> broken = new HashSet<>();
        for (Rule<T> rule : rules) {
            if (!broken.contains(rule.field()) && !rule.holds().test(entry)) {
                broken.add(rule.field());
                into.add(new Violation(path + rule.field(), rule.message()));
            }
        }
    }
}
