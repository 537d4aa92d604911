package dev.spinkube.operator.desired;

import static dev.spinkube.operator.desired.Fixtures.app;
import static dev.spinkube.operator.desired.Fixtures.executor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.spin.DataRef;
import dev.spinkube.operator.spin.ResolvedReferences;

/** Which Secret/ConfigMap keys an app needs, and which of them must exist. */
class ReferencedDataTest {
    static final String BASE = """
            executor: shim
            image: ghcr.io/example/app:v1
            """;

    @Test
    void aKeyReferencedBothOptionallyAndRequiredIsRequired() {
        var optionalFirst = app(BASE + """
                variables: [{name: token, valueFrom: {secretKeyRef: {name: s, key: k, optional: true}}}]
                env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: s, key: k}}}]
                """);
        var requiredFirst = app(BASE + """
                variables: [{name: token, valueFrom: {secretKeyRef: {name: s, key: k}}}]
                env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: s, key: k, optional: true}}}]
                """);
        for (var app : List.of(optionalFirst, requiredFirst)) {
            var needed = ReferencedData.of(app, executor(Fixtures.SHIM));
            assertEquals(List.of(DataRef.secret("s", "k", false)), needed.missing(ResolvedReferences.NONE));
        }
    }

    @Test
    void aKeyReferencedTwiceCountsOnceInTheRolloutHash() {
        var once = app(BASE + "env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: s, key: k}}}]");
        var twice = app(BASE + """
                variables: [{name: token, valueFrom: {secretKeyRef: {name: s, key: k, optional: true}}}]
                env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: s, key: k}}}]
                """);
        var resolved = ResolvedReferences.ofValues(Map.of(DataRef.secret("s", "k", false), "v",
                DataRef.secret("s", "k", true), "v"));
        assertEquals(ReferencedData.of(once, executor(Fixtures.SHIM)).hash(resolved),
                ReferencedData.of(twice, executor(Fixtures.SHIM)).hash(resolved));
    }
}
