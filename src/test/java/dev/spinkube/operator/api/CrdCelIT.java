package dev.spinkube.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.spinkube.operator.validation.BadInputs;
import dev.spinkube.operator.validation.CelRules;

/**
 * The generated CRDs as the API server takes them (no real API server here; see {@link CrdValidation} and
 * {@link CelCost}): every rule compiles and fits the cost budget, every bad input of the shared table marked
 * {@code cel} is refused by the schema and rules alone (webhooks off), and every sample is accepted after the
 * schema defaults are applied. Runs after {@code package} (failsafe), when target/kubernetes surely exists.
 */
class CrdCelIT {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Map<String, String> CRDS = Map.of("SpinApp", "spinapps.core.spinkube.dev", "SpinAppExecutor",
            "spinappexecutors.core.spinkube.dev");

    static JsonNode schema(String kind) {
        try {
            return CrdValidation.openApiSchema(YAML.readTree(Files.readString(Path.of("target/kubernetes/" + CRDS.get(kind) + "-v1.yml"))));
        } catch (IOException e) {
            throw new IllegalStateException("the build did not write the CRD of " + kind, e);
        }
    }

    @Test
    void everyRuleCompilesAndFitsTheApiServersCostBudget() throws Exception {
        for (String kind : CRDS.keySet()) {
            List<CrdValidation.Rule> rules = CrdValidation.rules(schema(kind));
            long total = 0;
            for (CrdValidation.Rule rule : rules) {
                long cost = CelCost.estimate(CrdValidation.compile(rule.expression()).getExpr(), rule.schema());
                System.out.printf("%-16s %-34s %,12d  %s%n", kind, rule.schemaPath() + rule.fieldPath(), cost, rule.message());
                assertTrue(cost <= CelCost.RULE_LIMIT, kind + rule.schemaPath() + ": estimated cost " + cost + " exceeds "
                        + CelCost.RULE_LIMIT + ": " + rule.expression());
                total += cost;
            }
            System.out.printf("%-16s all %d rules: %,d (limit %,d)%n", kind, rules.size(), total, CelCost.CRD_LIMIT);
            assertTrue(total <= CelCost.CRD_LIMIT, kind + ": all rules together cost " + total);
        }
    }

    /** The estimate can fail a rule: these shapes were taken out of CEL for their cost (see CelRules). */
    @Test
    void rulesOverUnboundedStringsAreEstimatedOverBudget() throws Exception {
        JsonNode spec = schema("SpinApp").path("properties").path("spec");
        String uniqueNames = "self.initContainers.all(c, self.initContainers.exists_one(d, d.name == c.name))";
        String listenAddress = "self.env.all(e, e.name != 'SPIN_HTTP_LISTEN_ADDR' || e.value.matches(r'"
                + CelRules.Patterns.LISTEN_ADDRESS + "'))";
        for (String expensive : List.of(uniqueNames, listenAddress)) {
            long cost = CelCost.estimate(CrdValidation.compile(expensive).getExpr(), spec);
            assertTrue(cost > CelCost.RULE_LIMIT, "estimated " + cost + ": " + expensive);
        }
    }

    static Stream<BadInputs> celCases() {
        return BadInputs.forLayer("cel");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("celCases")
    void badInputIsRefusedByTheCrdAlone(BadInputs c) {
        List<String> errors = CrdValidation.validate(schema(c.kind()), c.object().deepCopy());
        String all = String.join("\n", errors);
        for (String expected : expectations(c)) {
            assertTrue(all.contains(expected), c.name() + ": expected \"" + expected + "\" in:\n" + all);
        }
    }

    static List<String> expectations(BadInputs c) {
        try (var in = CrdCelIT.class.getClassLoader().getResourceAsStream("bad-inputs.yaml")) {
            for (JsonNode node : YAML.readTree(in)) {
                if (node.path("name").asText().equals(c.name())) {
                    List<String> expect = new ArrayList<>();
                    node.path("expect").forEach(e -> expect.add(e.asText()));
                    assertTrue(!expect.isEmpty(), c.name() + " has a cel layer but no expect");
                    return expect;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no case " + c.name());
    }

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleIsAcceptedAfterDefaulting(Path sample) throws IOException {
        int checked = 0;
        for (JsonNode doc : YAML.readValues(YAML.createParser(sample.toFile()), JsonNode.class).readAll()) {
            String kind = doc.path("kind").asText();
            if (CRDS.containsKey(kind)) {
                assertEquals(List.of(), CrdValidation.validate(schema(kind), doc.deepCopy()), sample + " " + kind);
                checked++;
            }
        }
        assertTrue(checked > 0 || Files.readString(sample).contains("RuntimeClass"), sample + " holds no SpinApp or executor");
    }

    @Test
    void autoscalingAppGetsNoReplicasDefaultThatItsOwnRuleWouldRefuse() throws IOException {
        JsonNode app = YAML.readTree("""
                apiVersion: core.spinkube.dev/v1alpha1
                kind: SpinApp
                metadata: {name: scaled}
                spec: {executor: shim, image: ghcr.io/example/app:v1, enableAutoscaling: true}
                """);
        assertEquals(List.of(), CrdValidation.validate(schema("SpinApp"), app));
        assertTrue(app.path("spec").path("replicas").isMissingNode(), app.toString());
        assertEquals(true, app.path("spec").path("enableAutoscaling").asBoolean());
    }
}
