package dev.spinkube.operator.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.CelComprehension;

/**
 * The API server's static cost estimate of a CRD validation rule (cel-go's checker cost model with the
 * Kubernetes library costs), for the functions our rules use. The API server refuses a CRD when one rule's
 * estimate exceeds {@link #RULE_LIMIT} or all rules together exceed {@link #CRD_LIMIT}. Sizes come from the
 * schema: a string without maxLength counts as the largest request (3 MiB), a list without maxItems as that
 * request filled with its smallest items. Where the model is unsure this errs high, never low.
 */
final class CelCost {
    static final long RULE_LIMIT = 10_000_000L;
    static final long CRD_LIMIT = 100_000_000L;
    static final long MAX_REQUEST_BYTES = 3 * 1024 * 1024;
    static final double STRING_TRAVERSAL = 0.1;
    static final double REGEX_LENGTH = 0.25;

    enum Kind {
        STRING, LIST, MAP, OTHER
    }

    /** Cost so far, the largest size of the value (string length, list length), its kind and its schema. */
    record Estimate(long cost, long size, Kind kind, JsonNode schema) {
        static Estimate of(long cost, JsonNode schema) {
            return new Estimate(cost, sizeOf(schema), kindOf(schema), schema);
        }
    }

    private CelCost() {
    }

    static long estimate(CelExpr expr, JsonNode selfSchema) {
        Map<String, JsonNode> vars = new HashMap<>();
        vars.put("self", selfSchema);
        return cost(expr, vars).cost();
    }

    static Kind kindOf(JsonNode schema) {
        if (schema == null) {
            return Kind.OTHER;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean() || "string".equals(schema.path("type").asText())) {
            return Kind.STRING;
        }
        if ("array".equals(schema.path("type").asText())) {
            return Kind.LIST;
        }
        return schema.path("additionalProperties").isObject() ? Kind.MAP : Kind.OTHER;
    }

    static long sizeOf(JsonNode schema) {
        if (schema == null) {
            return MAX_REQUEST_BYTES - 2; // not in the schema (metadata.name, a loop's accumulator): assume the worst
        }
        return switch (kindOf(schema)) {
            case STRING -> schema.has("maxLength") ? schema.path("maxLength").asLong() : MAX_REQUEST_BYTES - 2;
            // each item takes at least "x," (2 bytes) of the request
            case LIST -> schema.has("maxItems") ? schema.path("maxItems").asLong() : MAX_REQUEST_BYTES / 2;
            case MAP -> schema.has("maxProperties") ? schema.path("maxProperties").asLong() : MAX_REQUEST_BYTES / 2;
            case OTHER -> 1;
        };
    }

    private static long factor(long size, double factor) {
        return (long) Math.ceil(size * factor);
    }

    private static Estimate cost(CelExpr e, Map<String, JsonNode> vars) {
        switch (e.exprKind().getKind()) {
            case CONSTANT:
                return e.constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE
                        ? new Estimate(0, e.constant().stringValue().length(), Kind.STRING, null)
                        : new Estimate(0, 1, Kind.OTHER, null);
            case IDENT:
                return Estimate.of(1, vars.get(e.ident().name()));
            case SELECT: {
                Estimate operand = cost(e.select().operand(), vars);
                if (e.select().testOnly()) {
                    return new Estimate(operand.cost() + 1, 1, Kind.OTHER, null);
                }
                JsonNode field = operand.schema() == null ? null : operand.schema().path("properties").path(e.select().field());
                return Estimate.of(operand.cost() + 1, field == null || field.isMissingNode() ? null : field);
            }
            case CALL:
                return call(e, vars);
            case LIST:
                return new Estimate(10 + e.list().elements().stream().mapToLong(x -> cost(x, vars).cost()).sum(),
                        e.list().elements().size(), Kind.LIST, null);
            case MAP:
                return new Estimate(30 + e.map().entries().stream()
                        .mapToLong(x -> cost(x.key(), vars).cost() + cost(x.value(), vars).cost()).sum(), 1, Kind.MAP, null);
            case COMPREHENSION:
                return comprehension(e.comprehension(), vars);
            default:
                throw new IllegalArgumentException("no cost model for " + e.exprKind().getKind());
        }
    }

    private static Estimate comprehension(CelComprehension c, Map<String, JsonNode> vars) {
        Estimate range = cost(c.iterRange(), vars);
        Map<String, JsonNode> inner = new HashMap<>(vars);
        inner.put(c.iterVar(), range.schema() == null ? null : range.schema().path("items"));
        inner.put(c.accuVar(), null);
        long perItem = cost(c.loopCondition(), inner).cost() + cost(c.loopStep(), inner).cost();
        long total = range.cost() + cost(c.accuInit(), vars).cost() + cost(c.result(), inner).cost()
                + Math.multiplyExact(range.size(), perItem);
        return new Estimate(total, 1, Kind.OTHER, null);
    }

    private static Estimate call(CelExpr e, Map<String, JsonNode> vars) {
        String fn = e.call().function();
        Estimate target = e.call().target().map(t -> cost(t, vars)).orElse(null);
        List<Estimate> args = e.call().args().stream().map(a -> cost(a, vars)).toList();
        long argCost = (target == null ? 0 : target.cost()) + args.stream().mapToLong(Estimate::cost).sum();
        switch (fn) {
            case "matches": {
                long text = factor(target.size() + 1, STRING_TRAVERSAL);
                return new Estimate(argCost + Math.multiplyExact(text, factor(args.get(0).size(), REGEX_LENGTH)), 1, Kind.OTHER, null);
            }
            case "startsWith", "endsWith":
                return new Estimate(argCost + factor(args.get(0).size(), STRING_TRAVERSAL) + 1, 1, Kind.OTHER, null);
            case "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_": {
                long smallest = Math.min(args.get(0).size(), args.get(1).size());
                boolean strings = args.get(0).kind() == Kind.STRING || args.get(1).kind() == Kind.STRING;
                return new Estimate(argCost + (strings ? factor(smallest, STRING_TRAVERSAL) : 1), 1, Kind.OTHER, null);
            }
            case "_+_": {
                if (args.get(0).kind() == Kind.STRING && args.get(1).kind() == Kind.STRING) {
                    long size = args.get(0).size() + args.get(1).size();
                    return new Estimate(argCost + factor(size, STRING_TRAVERSAL), size, Kind.STRING, null);
                }
                return new Estimate(argCost + 1, 1, Kind.OTHER, null);
            }
            case "_[_]": {
                JsonNode container = args.get(0).schema();
                JsonNode element = container == null ? null
                        : container.has("items") ? container.path("items") : container.path("additionalProperties");
                return Estimate.of(argCost + 1, element == null || element.isMissingNode() ? null : element);
            }
            case "@in":
                return new Estimate(argCost + (args.get(1).kind() == Kind.LIST ? args.get(1).size() : 1), 1, Kind.OTHER, null);
            case "string": {
                Estimate arg = target != null ? target : args.get(0);
                return new Estimate(argCost + factor(arg.size(), STRING_TRAVERSAL) + 1, arg.kind() == Kind.STRING ? arg.size() : 20,
                        Kind.STRING, null);
            }
            case "isQuantity", "quantity": {
                Estimate arg = args.get(0);
                return new Estimate(argCost + factor(arg.size(), STRING_TRAVERSAL) + 1, 1, Kind.OTHER, null);
            }
            default:
                return new Estimate(argCost + 1, 1, Kind.OTHER, null);
        }
    }
}
