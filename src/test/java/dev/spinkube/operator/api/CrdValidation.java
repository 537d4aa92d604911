package dev.spinkube.operator.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.spinkube.operator.validation.CelRules;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * What the API server does with a custom object before storing it, on the generated CRD's schema: apply the
 * schema defaults, check types, required fields, maxItems/maxLength/pattern/enum, then evaluate every
 * {@code x-kubernetes-validations} rule with {@code self} bound to the value at the rule's place. CEL is
 * compiled and run with cel-java, plus the Kubernetes quantity library ({@code isQuantity}, {@code quantity},
 * {@code compareTo}) that the rules use. Errors read like the API server's: {@code path: detail}.
 */
final class CrdValidation {
    static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");
    static final Pattern QUANTITY_FORMAT = Pattern.compile(CelRules.Patterns.QUANTITY);

    static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addFunctionDeclarations(
                    CelFunctionDecl.newFunctionDeclaration("isQuantity",
                            CelOverloadDecl.newGlobalOverload("isQuantity_string", SimpleType.BOOL, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("quantity",
                            CelOverloadDecl.newGlobalOverload("quantity_string", QUANTITY, SimpleType.STRING)),
                    CelFunctionDecl.newFunctionDeclaration("compareTo",
                            CelOverloadDecl.newMemberOverload("quantity_compareTo_quantity", SimpleType.INT, QUANTITY, QUANTITY)))
            .build();

    /** A parsed quantity, as the opaque value of the Kubernetes quantity library. */
    record QuantityValue(BigDecimal amount) {
    }

    static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addFunctionBindings(
                    CelRuntime.CelFunctionBinding.from("isQuantity_string", String.class, s -> QUANTITY_FORMAT.matcher(s).matches()),
                    CelRuntime.CelFunctionBinding.from("quantity_string", String.class,
                            s -> new QuantityValue(Quantity.getAmountInBytes(new Quantity(s)))),
                    CelRuntime.CelFunctionBinding.from("quantity_compareTo_quantity", QuantityValue.class, QuantityValue.class,
                            (a, b) -> (long) a.amount().compareTo(b.amount())))
            .build();

    /** A rule of the CRD, where it sits in the schema. */
    record Rule(String schemaPath, JsonNode schema, String expression, String message, String fieldPath) {
    }

    private CrdValidation() {
    }

    static JsonNode openApiSchema(JsonNode crd) {
        return crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }

    static List<Rule> rules(JsonNode schema) {
        List<Rule> rules = new ArrayList<>();
        collect(schema, "", rules);
        return rules;
    }

    private static void collect(JsonNode schema, String path, List<Rule> into) {
        schema.path("x-kubernetes-validations").forEach(r -> into.add(new Rule(path, schema, r.path("rule").asText(),
                r.path("message").asText(), r.path("fieldPath").asText(""))));
        schema.path("properties").fields().forEachRemaining(p -> collect(p.getValue(), path + "." + p.getKey(), into));
        if (schema.has("items")) {
            collect(schema.path("items"), path + "[*]", into);
        }
        if (schema.path("additionalProperties").isObject()) {
            collect(schema.path("additionalProperties"), path + "[*]", into);
        }
    }

    static CelAbstractSyntaxTree compile(String expression) throws CelValidationException {
        CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
        if (!ast.getResultType().equals(SimpleType.BOOL) && !ast.getResultType().equals(SimpleType.DYN)) {
            throw new IllegalArgumentException("rule does not evaluate to a bool: " + expression);
        }
        return ast;
    }

    /**
     * Defaults applied in place, then the errors the API server would report for this object: the schema's first;
     * the CEL rules only when the schema holds (the API server does not run rules on ill-typed values).
     */
    static List<String> validate(JsonNode schema, JsonNode object) {
        applyDefaults(schema, object);
        List<String> errors = new ArrayList<>();
        walk(schema, object, "", (s, v, at) -> schemaErrors(s, v, at, errors));
        if (errors.isEmpty()) {
            walk(schema, object, "", (s, v, at) -> s.path("x-kubernetes-validations").forEach(rule -> {
                if (!holds(rule.path("rule").asText(), v)) {
                    errors.add(at + rule.path("fieldPath").asText("") + ": Invalid value: \"object\": " + rule.path("message").asText());
                }
            }));
        }
        return errors;
    }

    static void applyDefaults(JsonNode schema, JsonNode value) {
        if (value instanceof ObjectNode object) {
            schema.path("properties").fields().forEachRemaining(p -> {
                if (!object.has(p.getKey()) && p.getValue().has("default")) {
                    object.set(p.getKey(), p.getValue().get("default").deepCopy());
                }
            });
        }
        walkChildren(schema, value, "", (s, v, at) -> applyDefaults(s, v));
    }

    interface Visitor {
        void visit(JsonNode schema, JsonNode value, String at);
    }

    /** Visits a value and, when it has the schema's type, every value under it with its schema and path. */
    private static void walk(JsonNode schema, JsonNode value, String path, Visitor visitor) {
        visitor.visit(schema, value, path.isEmpty() ? "<root>" : path.substring(1));
        if (typeMatches(schema, value)) {
            walkChildren(schema, value, path, (s, v, at) -> walk(s, v, at, visitor));
        }
    }

    private static void walkChildren(JsonNode schema, JsonNode value, String path, Visitor visitor) {
        if (value.isObject()) {
            value.fields().forEachRemaining(f -> {
                JsonNode child = schema.path("properties").path(f.getKey());
                if (child.isMissingNode()) {
                    child = schema.path("additionalProperties");
                }
                if (child.isObject() && !f.getValue().isNull()) {
                    visitor.visit(child, f.getValue(), path + "." + f.getKey());
                }
            });
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                visitor.visit(schema.path("items"), value.get(i), path + "[" + i + "]");
            }
        }
    }

    private static void schemaErrors(JsonNode schema, JsonNode value, String at, List<String> errors) {
        if (!typeMatches(schema, value)) {
            errors.add(at + ": Invalid value: \"" + value.getNodeType().name().toLowerCase() + "\": " + at
                    + " in body must be of type " + schema.path("type").asText() + ": \"" + value.asText() + "\"");
        } else if (value.isObject()) {
            schema.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    errors.add(at + "." + r.asText() + ": Required value");
                }
            });
        } else if (value.isArray() && schema.has("maxItems") && value.size() > schema.path("maxItems").asInt()) {
            errors.add(at + ": Too many: " + value.size() + ": must have at most " + schema.path("maxItems").asInt() + " items");
        } else if (value.isTextual()) {
            String s = value.asText();
            if (schema.has("maxLength") && s.length() > schema.path("maxLength").asInt()) {
                errors.add(at + ": Too long: may not be more than " + schema.path("maxLength").asInt() + " bytes");
            }
            if (schema.has("pattern") && !Pattern.compile(schema.path("pattern").asText()).matcher(s).find()) {
                errors.add(at + ": Invalid value: \"" + s + "\": " + at + " in body should match '" + schema.path("pattern").asText() + "'");
            }
            if (schema.has("enum") && !schema.path("enum").toString().contains("\"" + s + "\"")) {
                errors.add(at + ": Unsupported value: \"" + s + "\"");
            }
        }
    }

    private static boolean typeMatches(JsonNode schema, JsonNode value) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            return value.isIntegralNumber() || value.isTextual();
        }
        return switch (schema.path("type").asText("")) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    static boolean holds(String expression, JsonNode self) {
        try {
            Object result = RUNTIME.createProgram(compile(expression)).eval(Map.of("self", toCel(self)));
            if (!(result instanceof Boolean b)) {
                throw new IllegalStateException("rule returned " + result + ": " + expression);
            }
            return b;
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("rule failed: " + expression + ": " + e.getMessage(), e);
        }
    }

    /** JSON as CEL sees it: maps, lists, int64, double, string, bool. */
    static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> map.put(f.getKey(), toCel(f.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toCel(n)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
