package dev.spinkube.operator.api;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import dev.spinkube.operator.api.v1alpha1.ObjectRules;
import dev.spinkube.operator.api.v1alpha1.Rule;

/** Every row of every rule table in {@link ObjectRules}, found by reflection so that a table added later counts too. */
public final class ObjectRulesTables {
    private ObjectRulesTables() {
    }

    public static List<Rule<?>> all() {
        List<Rule<?>> rows = new ArrayList<>();
        for (Field f : ObjectRules.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && List.class.isAssignableFrom(f.getType())) {
                try {
                    for (Object row : (List<?>) f.get(null)) {
                        rows.add((Rule<?>) row);
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return rows;
    }
}
