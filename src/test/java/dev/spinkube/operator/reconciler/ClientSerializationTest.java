package dev.spinkube.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The operator's client reads JSON from its text and gets what fabric8's own reading of the bytes gives. */
class ClientSerializationTest {
    static final String DEPLOYMENT = "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", "
            + WatchEventsReadInOnePassTest.METADATA.replace("\"team\": \"a\"", "\"team\": \"ünïcødé ✓ \uD83D\uDE00\"")
            + ", " + WatchEventsReadInOnePassTest.SPEC + "}";

    final KubernetesSerialization operator = new ClientSerialization().serialization(customized());
    /** fabric8's reading with the same mapper and kinds: bytes through its YAML check and a stream. */
    final KubernetesSerialization fabric8 = fabric8();

    static KubernetesSerialization fabric8() {
        KubernetesSerialization json = new KubernetesSerialization(ClientSerialization.withoutSharedNames(customized()),
                false);
        WatchEventsReadInOnePass.WATCHED.forEach(json::registerKubernetesResource);
        return json;
    }

    static ObjectMapper customized() {
        ObjectMapper mapper = new ObjectMapper();
        new ManagedFieldsAndLastAppliedSkipped().customize(mapper);
        new WatchEventsReadInOnePass().customize(mapper);
        return mapper;
    }

    static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theClientsSerializationReadsJsonAsText() {
        assertInstanceOf(ClientSerialization.JsonReadAsText.class, operator);
    }

    @Test
    void aWatchEventReadsAsFabric8ReadsIt() {
        String event = "\n {\"type\": \"MODIFIED\", \"object\": " + DEPLOYMENT + "}";
        WatchEvent ours = operator.unmarshal(event, WatchEvent.class);
        assertEquals(fabric8.unmarshal(event, WatchEvent.class), ours);
        Deployment d = assertInstanceOf(Deployment.class, ours.getObject());
        assertEquals("ünïcødé ✓ \uD83D\uDE00", d.getMetadata().getAnnotations().get("team"));
        assertTrue(d.getMetadata().getManagedFields().isEmpty(), "what the operator skips is still skipped");
    }

    @Test
    void aResponseBodyReadsAsFabric8ReadsIt() {
        TypeReference<Deployment> type = new TypeReference<>() {
        };
        Deployment ours = operator.unmarshal(body(DEPLOYMENT), type);
        assertEquals(fabric8.unmarshal(body(DEPLOYMENT), type), ours);
        assertEquals(2, ours.getSpec().getReplicas());
        assertEquals("ünïcødé ✓ \uD83D\uDE00", ours.getMetadata().getAnnotations().get("team"));
    }

    @Test
    void yamlAndLargeBodiesStillGoThroughFabric8() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                data:
                  k: v
                """;
        assertFalse(ClientSerialization.JsonReadAsText.isJson(yaml));
        assertEquals("v", operator.unmarshal(yaml, ConfigMap.class).getData().get("k"));
        assertEquals("v", operator.unmarshal(body(yaml), ConfigMap.class).getData().get("k"));

        StringBuilder list = new StringBuilder("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMapList\", \"items\": [");
        for (int i = 0; list.length() <= ClientSerialization.JsonReadAsText.AS_TEXT; i++) {
            list.append(i == 0 ? "" : ",").append("{\"metadata\": {\"name\": \"c").append(i)
                    .append("\"}, \"data\": {\"k\": \"").append("v".repeat(100)).append("\"}}");
        }
        String large = list.append("]}").toString();
        ConfigMapList read = operator.unmarshal(body(large), new TypeReference<ConfigMapList>() {
        });
        assertEquals(fabric8.unmarshal(body(large), new TypeReference<ConfigMapList>() {
        }), read);
        assertTrue(read.getItems().size() > 1000);
    }

    @Test
    void whatIsJsonIsToldAsFabric8TellsIt() {
        assertTrue(ClientSerialization.JsonReadAsText.isJson(" \t\r\n{}"));
        assertTrue(ClientSerialization.JsonReadAsText.isJson("[1]"));
        assertFalse(ClientSerialization.JsonReadAsText.isJson(""));
        assertFalse(ClientSerialization.JsonReadAsText.isJson("  "));
        assertFalse(ClientSerialization.JsonReadAsText.isJson("a: {}"));
        // U+2028 is white space to Java but its first UTF-8 byte is not: fabric8 does not skip it
        assertFalse(ClientSerialization.JsonReadAsText.isJson("\u2028{}"));
    }

    @Test
    void brokenJsonFailsAsFabric8FailsIt() {
        String broken = "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", \"spec\": {\"replicas\": }";
        KubernetesClientException ours = assertThrows(KubernetesClientException.class,
                () -> operator.unmarshal(body(broken), new TypeReference<Deployment>() {
                }));
        KubernetesClientException theirs = assertThrows(KubernetesClientException.class,
                () -> fabric8.unmarshal(body(broken), new TypeReference<Deployment>() {
                }));
        assertEquals(theirs.getCause().getClass(), ours.getCause().getClass());
        assertThrows(KubernetesClientException.class, () -> operator.unmarshal(broken, Deployment.class));
    }
}
