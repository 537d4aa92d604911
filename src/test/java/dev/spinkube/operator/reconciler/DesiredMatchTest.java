package dev.spinkube.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** How an owned object is judged up to date without managedFields: one test per rule of {@link DesiredMatch}. */
class DesiredMatchTest {
    static final YAMLMapper YAML = new YAMLMapper();
    static final KubernetesSerialization JSON = new KubernetesSerialization();

    static boolean contains(String actual, String desired) {
        try {
            return DesiredMatch.contains(YAML.readTree(actual), YAML.readTree(desired), "");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void defaultsTheApiServerAddsAreNoDifference() {
        assertTrue(contains("{spec: {replicas: 1, revisionHistoryLimit: 10, template: {spec: {dnsPolicy: ClusterFirst,"
                + " containers: [{name: app, image: 'x:1', imagePullPolicy: IfNotPresent}]}}}}",
                "{spec: {replicas: 1, template: {spec: {containers: [{name: app, image: 'x:1'}]}}}}"));
    }

    @Test
    void aHandEditedValueIsADifference() {
        assertFalse(contains("{spec: {template: {spec: {containers: [{name: app, image: 'evil:latest'}]}}}}",
                "{spec: {template: {spec: {containers: [{name: app, image: 'x:1'}]}}}}"));
    }

    @Test
    void aDeletedValueIsADifference() {
        assertFalse(contains("{spec: {template: {spec: {containers: [{name: app}]}}}}",
                "{spec: {template: {spec: {containers: [{name: app, image: 'x:1'}]}}}}"));
    }

    @Test
    void emptyDesiredValuesMatchTheAbsentOnesTheApiServerLeavesOut() {
        assertTrue(contains("{env: [{name: A}], securityContext: {}}",
                "{env: [{name: A, value: ''}], hostNetwork: false, priority: 0, securityContext: {}, volumes: []}"));
    }

    @Test
    void quantitiesAreComparedByAmountAsTheApiServerRewritesThem() {
        assertTrue(contains("{resources: {limits: {cpu: 500m, memory: 1Gi}, requests: {memory: '1073741824'}}}",
                "{resources: {limits: {cpu: '0.5', memory: 1024Mi}, requests: {memory: 1Gi}}}"));
        assertFalse(contains("{resources: {limits: {cpu: 500m}}}", "{resources: {limits: {cpu: '1'}}}"));
    }

    @Test
    void numbersAreComparedByValue() {
        assertTrue(contains("{port: 80}", "{port: 80.0}"));
        assertFalse(contains("{port: 80}", "{port: 8080}"));
    }

    @Test
    void itemsOfOtherManagersBetweenTheDesiredOnesAreLeftAlone() {
        assertTrue(contains("{containers: [{name: app, image: a}, {name: injected, image: b}, {name: side, image: c}]}",
                "{containers: [{name: app, image: a}, {name: side, image: c}]}"));
    }

    @Test
    void aMissingOrReorderedDesiredItemIsADifference() {
        assertFalse(contains("{containers: [{name: app, image: a}]}",
                "{containers: [{name: app, image: a}, {name: side, image: c}]}"));
        assertFalse(contains("{containers: [{name: side, image: c}, {name: app, image: a}]}",
                "{containers: [{name: app, image: a}, {name: side, image: c}]}"));
    }

    @Test
    void listsOfPlainValuesMustBeEqual() {
        assertFalse(contains("{command: ['/', '--debug']}", "{command: ['/']}"));
        assertTrue(contains("{command: ['/']}", "{command: ['/']}"));
    }

    @Test
    void theHashDoesNotDependOnTheOrderOfAMap() throws JsonProcessingException {
        assertEquals(DesiredMatch.hash(YAML.readTree("{labels: {a: '1', b: '2'}}")),
                DesiredMatch.hash(YAML.readTree("{labels: {b: '2', a: '1'}}")));
    }

    @Test
    void aFieldTheDesiredObjectNoLongerSetsChangesTheHashSoItIsApplied() {
        Deployment before = deployment(Map.of("team", "a", "tier", "web"));
        Deployment after = deployment(Map.of("team", "a"));
        DesiredMatch.stamp(before, JSON);
        DesiredMatch.stamp(after, JSON);
        assertNotEquals(before.getMetadata().getAnnotations().get(DesiredMatch.HASH),
                after.getMetadata().getAnnotations().get(DesiredMatch.HASH));
        // the API server still has the label the desired object dropped: only the hash tells
        assertFalse(DesiredMatch.matches(before, after, JSON));
    }

    @Test
    void anObjectAppliedAsDesiredMatchesItsDesiredObject() {
        Deployment desired = deployment(Map.of("team", "a"));
        DesiredMatch.stamp(desired, JSON);
        Deployment actual = new DeploymentBuilder(desired).editMetadata().withResourceVersion("7").withGeneration(2L)
                .endMetadata().editSpec().withRevisionHistoryLimit(10).endSpec().build();
        assertTrue(DesiredMatch.matches(actual, desired, JSON));
    }

    @Test
    void theHashLeavesOutJosdksAnnotationForItsOwnEvents() {
        Deployment plain = deployment(Map.of("team", "a"));
        Deployment marked = deployment(Map.of("team", "a"));
        marked.getMetadata().getAnnotations().put("javaoperatorsdk.io/previous", "id,42");
        DesiredMatch.stamp(plain, JSON);
        DesiredMatch.stamp(marked, JSON);
        assertEquals(plain.getMetadata().getAnnotations().get(DesiredMatch.HASH),
                marked.getMetadata().getAnnotations().get(DesiredMatch.HASH));
    }

    @Test
    void valuesAreHashedAsJacksonWritesThem() {
        for (char c = 0; c < Character.MAX_VALUE; c++) { // every char, alone surrogates included
            TextNode text = TextNode.valueOf("a" + c + "\\" + c);
            assertEquals(text + ",", DesiredMatch.canonical(text), () -> "char " + (int) text.textValue().charAt(1));
        }
        for (String s : List.of("", "\"quoted\"", "line\nnext\ttab\r\b\f\u0000\u001f\u007f", "/path/", "\uD83D\uDE80 ü €")) {
            assertEquals(TextNode.valueOf(s) + ",", DesiredMatch.canonical(TextNode.valueOf(s)), s);
        }
        for (JsonNode n : List.of(IntNode.valueOf(0), IntNode.valueOf(-7), IntNode.valueOf(Integer.MIN_VALUE),
                IntNode.valueOf(Integer.MAX_VALUE), LongNode.valueOf(Long.MIN_VALUE), LongNode.valueOf(Long.MAX_VALUE),
                BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance, DoubleNode.valueOf(0.5))) {
            assertEquals(n + ",", DesiredMatch.canonical(n), n::toString);
        }
    }

    /** A changed hash would apply every app once more after an upgrade: the value earlier releases stamped. */
    @Test
    void theHashIsTheOneEarlierReleasesStamped() {
        Deployment d = deployment(Map.of("team", "a"));
        d.getMetadata().getAnnotations().put("note", "say \"hi\"\n\tC:\\ \u00fc \uD83D\uDE80 \u0001");
        d.getSpec().setProgressDeadlineSeconds(Integer.MAX_VALUE);
        d.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(Long.MAX_VALUE);
        d.getSpec().getTemplate().getSpec().setHostNetwork(false);
        d.getSpec().getTemplate().getSpec().setAutomountServiceAccountToken(true);
        DesiredMatch.stamp(d, JSON);
        assertEquals("8cadd10724330498", d.getMetadata().getAnnotations().get(DesiredMatch.HASH));
    }

    static Deployment deployment(Map<String, String> labels) {
        return new DeploymentBuilder().withNewMetadata().withName("app").withNamespace("ns").withLabels(labels)
                .withAnnotations(new LinkedHashMap<>()).endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer().withName("app")
                .withImage("x:1").endContainer().endSpec().endTemplate().endSpec().build();
    }
}
