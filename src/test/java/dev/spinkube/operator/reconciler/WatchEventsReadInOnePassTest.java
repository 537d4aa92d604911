package dev.spinkube.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.cfg.HandlerInstantiator;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.testing.ModelKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;

/** A watch event's object read in one pass comes out as fabric8's own two-pass reading gives it. */
class WatchEventsReadInOnePassTest {
    static final String METADATA = """
            "metadata": {"name": "app", "namespace": "ns", "resourceVersion": "7",
              "annotations": {"team": "a", "kubectl.kubernetes.io/last-applied-configuration": "{}"},
              "managedFields": [{"manager": "spinapp", "operation": "Apply", "apiVersion": "apps/v1",
                "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {"f:replicas": {}, "k:{\\"uid\\":\\"1\\"}": {}}}}]}
            """;
    static final String SPEC = """
            "spec": {"replicas": 2, "selector": {"matchLabels": {"core.spinkube.dev/app-name": "app"}},
              "template": {"spec": {"containers": [{"name": "app", "image": "ghcr.io/x/app:1",
                "ports": [{"containerPort": 80}], "resources": {"limits": {"memory": "128Mi"}}}]}}},
            "status": {"replicas": 1, "conditions": [{"type": "Available", "status": "True"}]}
            """;

    final KubernetesSerialization operator = operatorSerialization();
    /** The client as it comes: the tree first, then the class; nothing skipped. */
    final KubernetesSerialization fabric8 = ModelKinds.serialization();

    static KubernetesSerialization operatorSerialization() {
        ObjectMapper mapper = new ObjectMapper();
        new ManagedFieldsAndLastAppliedSkipped().customize(mapper);
        new WatchEventsReadInOnePass().customize(mapper);
        return new KubernetesSerialization(mapper, true);
    }

    Object object(KubernetesSerialization json, String event) {
        return json.unmarshal(event, WatchEvent.class).getObject();
    }

    /** fabric8's reading without what the operator skips. */
    Deployment expected(String event) {
        Deployment d = (Deployment) object(fabric8, event);
        d.getMetadata().setManagedFields(List.of());
        d.getMetadata().getAnnotations().remove(ManagedFieldsAndLastAppliedSkipped.LAST_APPLIED);
        return d;
    }

    @Test
    void anObjectThatStartsWithApiVersionAndKindIsReadAsItsClassWithoutWhatIsSkipped() {
        String event = "{\"type\": \"MODIFIED\", \"object\": {\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", "
                + METADATA + ", " + SPEC + "}}";
        Deployment d = assertInstanceOf(Deployment.class, object(operator, event));
        assertEquals(expected(event), d);
        assertEquals(Map.of("team", "a"), d.getMetadata().getAnnotations());
        assertTrue(d.getMetadata().getManagedFields().isEmpty());
        assertEquals(2, d.getSpec().getReplicas());
        assertEquals("MODIFIED", operator.unmarshal(event, WatchEvent.class).getType());
    }

    /** fabric8's deserializer, counting the objects it reads (each of them as a tree first). */
    static class CountingRegistry extends KubernetesDeserializer {
        int read;

        CountingRegistry() {
            super(false);
            registerKubernetesResource(Deployment.class);
            registerKubernetesResource(Status.class);
        }

        @Override
        public KubernetesResource deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            read++;
            return super.deserialize(parser, context);
        }
    }

    @Test
    void aKnownKindIsNotReadAsATreeFirst() throws IOException {
        CountingRegistry registry = new CountingRegistry();
        ObjectMapper mapper = new ObjectMapper();
        new WatchEventsReadInOnePass().customize(mapper);
        mapper.setHandlerInstantiator(new HandlerInstantiator() {
            @Override
            public JsonDeserializer<?> deserializerInstance(DeserializationConfig config, Annotated annotated,
                    Class<?> deserClass) {
                return deserClass == KubernetesDeserializer.class ? registry : null;
            }

            @Override
            public KeyDeserializer keyDeserializerInstance(DeserializationConfig config, Annotated annotated,
                    Class<?> keyDeserClass) {
                return null;
            }

            @Override
            public JsonSerializer<?> serializerInstance(SerializationConfig config, Annotated annotated,
                    Class<?> serClass) {
                return null;
            }

            @Override
            public TypeResolverBuilder<?> typeResolverBuilderInstance(MapperConfig<?> config, Annotated annotated,
                    Class<?> builderClass) {
                return null;
            }

            @Override
            public TypeIdResolver typeIdResolverInstance(MapperConfig<?> config, Annotated annotated,
                    Class<?> resolverClass) {
                return null;
            }
        });
        WatchEvent event = mapper.readValue("{\"type\": \"ADDED\", \"object\": {\"apiVersion\": \"apps/v1\", "
                + "\"kind\": \"Deployment\", " + METADATA + ", " + SPEC + "}}", WatchEvent.class);
        assertInstanceOf(Deployment.class, event.getObject());
        assertEquals(0, registry.read, "objects read by fabric8's deserializer");
        event = mapper.readValue("{\"type\": \"ERROR\", \"object\": {\"kind\": \"Status\", \"apiVersion\": \"v1\"}}",
                WatchEvent.class);
        assertInstanceOf(Status.class, event.getObject());
        assertEquals(0, registry.read, "objects read by fabric8's deserializer");
        mapper.readValue("{\"type\": \"ADDED\", \"object\": {\"kind\": \"Widget\", \"apiVersion\": \"example.com/v1\"}}",
                WatchEvent.class);
        assertEquals(1, registry.read, "objects read by fabric8's deserializer");
    }

    @Test
    void kindAndApiVersionAnywhereInTheObjectAndTheTypeAfterIt() {
        String event = "{\"object\": {" + METADATA + ", \"kind\": \"Deployment\", " + SPEC
                + ", \"apiVersion\": \"apps/v1\"}, \"type\": \"ADDED\"}";
        assertEquals(expected(event), object(operator, event));
        assertEquals("ADDED", operator.unmarshal(event, WatchEvent.class).getType());
    }

    @Test
    void theOperatorsOwnKindsAreReadAsTheirClasses() {
        operator.registerKubernetesResource(SpinApp.class);
        Object app = object(operator, """
                {"type": "ADDED", "object": {"apiVersion": "core.spinkube.dev/v1alpha1", "kind": "SpinApp",
                 "metadata": {"name": "app"}, "spec": {"image": "ghcr.io/x/app:1", "executor": "containerd-shim-spin",
                 "replicas": 3}}}
                """);
        assertEquals(3, assertInstanceOf(SpinApp.class, app).getSpec().replicas());
    }

    @Test
    void theStatusOfAnErrorEventIsAStatus() {
        Object status = object(operator, """
                {"type": "ERROR", "object": {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                 "message": "too old resource version: 1 (2)", "reason": "Expired", "code": 410}}
                """);
        assertEquals(410, assertInstanceOf(Status.class, status).getCode());
    }

    @Test
    void kindsTheClientDoesNotKnowAndObjectsWithoutAKindReadAsFabric8ReadsThem() {
        String unknown = """
                {"type": "ADDED", "object": {"apiVersion": "example.com/v1", "kind": "Widget",
                 "metadata": {"name": "w"}, "spec": {"size": [1, 2]}}}
                """;
        GenericKubernetesResource widget = assertInstanceOf(GenericKubernetesResource.class, object(operator, unknown));
        assertEquals(object(fabric8, unknown), widget);
        String kindless = "{\"type\": \"ADDED\", \"object\": {\"apiVersion\": \"v1\", \"spec\": {\"a\": 1}}}";
        assertEquals(object(fabric8, kindless), object(operator, kindless));
    }
}
