package dev.spinkube.operator.render;

import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Jackson's multi-line parse and mapping errors as the one line a user needs: where, and what is wrong. */
final class ReadErrors {
    private ReadErrors() {
    }

    /** {@code file:line:column: not valid YAML: problem (context)}; the position where the parser knows it. */
    static String syntax(String file, JsonProcessingException e) {
        String format = file.endsWith(".json") ? "JSON" : "YAML";
        String problem = firstLine(e.getOriginalMessage());
        JsonLocation at = e.getLocation();
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblem() != null) {
            problem = yaml.getProblem() + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")");
            if (yaml.getProblemMark() != null) {
                var mark = yaml.getProblemMark();
                return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": not valid " + format
                        + ": " + problem;
            }
        }
        String position = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
        return file + position + ": not valid " + format + ": " + problem;
    }

    /**
     * What kubectl's strict field validation would say about a document that is valid YAML but not a valid
     * object: {@code unknown field "spec.replica"}, or the field whose value has the wrong type.
     */
    static String field(String kind, JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
            return firstLine(e.getOriginalMessage());
        }
        String path = path(m);
        if (m instanceof UnrecognizedPropertyException) {
            String parent = path.contains(".")
                    ? path.substring(0, path.lastIndexOf('.')).replaceAll("\\[\\d+]", "")
                    : "";
            return "unknown field \"" + path + "\"; check its spelling (kubectl explain "
                    + kind.toLowerCase(Locale.ROOT) + (parent.isEmpty() ? "" : "." + parent) + ")";
        }
        if (m instanceof InvalidFormatException f) {
            return path + ": " + f.getValue() + " is not " + expected(f.getTargetType());
        }
        if (m instanceof MismatchedInputException f && f.getTargetType() != null) {
            return path + ": expected " + expected(f.getTargetType());
        }
        return path + ": " + firstLine(m.getOriginalMessage());
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string (quote it)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return java.util.Collection.class.isAssignableFrom(type) ? "a list" : "an object";
    }

    /** Jackson's reference chain as a field path: {@code spec.initContainers[0].image}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("").strip();
    }
}
