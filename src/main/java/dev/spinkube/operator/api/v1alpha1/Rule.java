package dev.spinkube.operator.api.v1alpha1;

import java.util.function.Predicate;

/**
 * One row of the rule tables in {@link ObjectRules}: how the API server holds the rule ({@code cel} is its CEL text when
 * it holds it as CEL), the message every layer reports, the field it concerns (relative to where the table is
 * applied) and the rule in Java, true while it holds.
 */
public record Rule<T>(String cel, Held held, String message, String field, Predicate<T> holds) {

    /** Where the API server holds a rule, if it does. */
    public enum Held {
        /** As CEL on the CRD. */
        CEL,
        /** By the CRD's schema (required, maxItems, pattern), without CEL. */
        SCHEMA,
        /** Not at all: as CEL its estimated cost exceeds the API server's budget (see {@link ObjectRules}). */
        COST_BUDGET,
        /**
         * In part: the CRD requires the executor field but lets it be empty, for the mutating webhook to default; the
         * rule says no default was found. Webhook and reconciler only, as upstream.
         */
        WEBHOOK_DEFAULT
    }

    static <T> Rule<T> cel(String cel, String message, String field, Predicate<T> holds) {
        return new Rule<>(cel, Held.CEL, message, field, holds);
    }

    static <T> Rule<T> notCel(Held held, String message, String field, Predicate<T> holds) {
        return new Rule<>(null, held, message, field, holds);
    }
}
