package dev.spinkube.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

class SharedStringsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    SharedStringsTest() {
        new SharedStrings().customize(mapper);
    }

    private static String deployment(String name, String uid) {
        return """
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "%1$s", "uid": "%2$s", "labels": {"core.spinkube.dev/app-name": "%1$s"}},
                 "spec": {"template": {"spec": {"containers": [
                   {"name": "%1$s", "image": "ghcr.io/spinkube/hello:1", "imagePullPolicy": "IfNotPresent",
                    "args": ["--listen", "0.0.0.0:80"]}]}}}}
                """.formatted(name, uid);
    }

    private static Container container(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void equalValuesOfTwoObjectsAreOneString() throws JsonProcessingException {
        Deployment a = mapper.readValue(deployment("a", "u-1"), Deployment.class);
        Deployment b = mapper.readValue(deployment("b", "u-1"), Deployment.class);
        assertEquals("ghcr.io/spinkube/hello:1", container(b).getImage());
        assertSame(container(a).getImage(), container(b).getImage());
        assertSame(container(a).getImagePullPolicy(), container(b).getImagePullPolicy());
        assertSame(container(a).getArgs().get(1), container(b).getArgs().get(1));
        // within one object too: the name repeated as a label value
        assertSame(a.getMetadata().getName(), a.getMetadata().getLabels().get("core.spinkube.dev/app-name"));
        assertEquals("b", b.getMetadata().getName());
    }

    @Test
    void fieldsUniqueToOneObjectAreNotKept() throws JsonProcessingException {
        Deployment a = mapper.readValue(deployment("a", "u-1"), Deployment.class);
        Deployment b = mapper.readValue(deployment("a", "u-1"), Deployment.class);
        assertEquals("u-1", b.getMetadata().getUid());
        assertNotSame(a.getMetadata().getUid(), b.getMetadata().getUid());
    }

    @Test
    void secretAndConfigMapValuesAreNeverKept() throws JsonProcessingException {
        String secret = """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
                 "data": {"password": "aHVudGVyMg=="}, "stringData": {"token": "hunter2"}}
                """;
        Secret a = mapper.readValue(secret, Secret.class);
        Secret b = mapper.readValue(secret, Secret.class);
        assertEquals("aHVudGVyMg==", b.getData().get("password"));
        assertNotSame(a.getData().get("password"), b.getData().get("password"));
        assertNotSame(a.getStringData().get("token"), b.getStringData().get("token"));
        assertSame(a.getMetadata().getName(), b.getMetadata().getName());

        String configMap = """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"k": "v"}}
                """;
        assertNotSame(mapper.readValue(configMap, ConfigMap.class).getData().get("k"),
                mapper.readValue(configMap, ConfigMap.class).getData().get("k"));
    }

    @Test
    void keysOfMapsAreSharedWhenFieldNamesAreNotCanonicalized() throws JsonProcessingException {
        ObjectMapper client = ClientSerialization.withoutSharedNames(mapper);
        assertFalse(client.getFactory().isEnabled(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES));
        Deployment a = client.readValue(deployment("a", "u-1"), Deployment.class);
        Deployment b = client.readValue(deployment("b", "u-2"), Deployment.class);
        assertEquals(Map.of("core.spinkube.dev/app-name", "b"), b.getMetadata().getLabels());
        assertSame(a.getMetadata().getLabels().keySet().iterator().next(),
                b.getMetadata().getLabels().keySet().iterator().next());
        assertSame(container(a).getImage(), container(b).getImage(), "values as before");

        String secret = """
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"password": "aHVudGVyMg=="}}
                """;
        assertNotSame(client.readValue(secret, Secret.class).getData().keySet().iterator().next(),
                client.readValue(secret, Secret.class).getData().keySet().iterator().next(),
                "nor the keys of a Secret's data");
    }

    @Test
    void otherTokensAndLongValuesAreReadAsBefore() throws JsonProcessingException {
        String longValue = "x".repeat(SharedStrings.MAX_LENGTH + 1);
        String json = """
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": 42, "namespace": null,
                 "annotations": {"a": "%s", "b": true}}}
                """.formatted(longValue);
        ConfigMap a = mapper.readValue(json, ConfigMap.class);
        ConfigMap b = mapper.readValue(json, ConfigMap.class);
        assertEquals("42", a.getMetadata().getName());
        assertNull(a.getMetadata().getNamespace());
        assertEquals("true", a.getMetadata().getAnnotations().get("b"));
        assertEquals(longValue, b.getMetadata().getAnnotations().get("a"));
        assertNotSame(a.getMetadata().getAnnotations().get("a"), b.getMetadata().getAnnotations().get("a"));
    }
}
