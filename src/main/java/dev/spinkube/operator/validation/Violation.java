package dev.spinkube.operator.validation;

/**
 * A broken rule: the field it concerns (JSON path, e.g. {@code spec.replicas}) and the message users
 * see, the same in the CRD, the webhook, status and events.
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
