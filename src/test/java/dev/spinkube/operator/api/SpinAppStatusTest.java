package dev.spinkube.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.spinkube.operator.api.v1alpha1.SpinAppStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/** The reconciler writes a status only when it is not equal to the current one: equality must see every field. */
class SpinAppStatusTest {

    static Stream<Field> fields() {
        return Stream.of(SpinAppStatus.class.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()));
    }

    /** A value of the field's type that no fresh status holds. */
    static Object changed(Field f) {
        Class<?> type = f.getType();
        if (type == String.class) {
            return "changed";
        }
        if (type == int.class || type == Integer.class) {
            return 7;
        }
        if (type == Long.class) {
            return 7L;
        }
        if (type == List.class) {
            return List.of(new ConditionBuilder().withType("Ready").withStatus("True").build());
        }
        throw new AssertionError("no changed value for " + f + ": extend this test for its type");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void aChangeOfAnyFieldMakesTheStatusDifferent(Field field) throws Exception {
        SpinAppStatus a = new SpinAppStatus();
        SpinAppStatus b = new SpinAppStatus();
        field.setAccessible(true); // package-private: JSON is written from the fields
        field.set(b, changed(field));
        assertNotEquals(a, b, field.getName());
        field.set(a, changed(field));
        assertEquals(a, b, field.getName());
        assertEquals(a.hashCode(), b.hashCode(), field.getName());
    }

    @Test
    void everyFieldIsChecked() {
        assertTrue(fields().count() >= 8, fields().toList().toString());
    }
}
