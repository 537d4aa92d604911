package dev.spinkube.operator.reconciler;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserSequence;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;

/**
 * Every informer's watch events, read in one pass. The client reads a watch event's object with fabric8's
 * {@link KubernetesDeserializer}, which first reads the whole object into a JSON tree (its managedFields too) and
 * then converts that tree into the class registered for the object's apiVersion and kind: each object twice, and
 * what {@link ManagedFieldsAndLastAppliedSkipped} skips is already in the tree by then.
 * <p>
 * Here the object's first fields are read up to {@code apiVersion} and {@code kind} (the API server writes them
 * first), its class is looked up in the same registry, and the rest is read from the stream straight into that class.
 * An object of a kind the registry does not know or without both fields goes through
 * fabric8's deserializer, as before.
 * <p>
 * The registry is the client's serialization, produced by {@link ClientSerialization} with the kinds the operator
 * watches. Quarkus' own held every kind the model jars list in {@code META-INF/services} (about 150) but not the
 * operator's: every SpinApp and SpinAppExecutor event was read as a tree, then as a
 * {@code GenericKubernetesResource}, then converted to its class by the watch. A kind left out of this list still
 * works that way: the watch converts what it gets into the class it watches.
 */
@Singleton
public class WatchEventsReadInOnePass implements KubernetesClientObjectMapperCustomizer {
    /**
     * Every kind an informer of the operator watches (its controllers, dependents and webhook certificates), and the
     * Status of an ERROR event: read as a Status, an expired resourceVersion (410) makes the informer list again.
     */
    static final List<Class<? extends KubernetesResource>> WATCHED = List.of(SpinApp.class, SpinAppExecutor.class,
            Deployment.class, Service.class, Secret.class, ConfigMap.class, MutatingWebhookConfiguration.class,
            ValidatingWebhookConfiguration.class, Status.class);

    @RegisterForReflection
    abstract static class OnePass {
        @JsonDeserialize(using = ObjectInOnePass.class)
        Object object;

        @JsonDeserialize(using = ObjectInOnePass.class)
        abstract void setObject(Object object);
    }

    @RegisterForReflection
    static class ObjectInOnePass extends JsonDeserializer<Object> implements ContextualDeserializer {
        private final KubernetesDeserializer registry;

        ObjectInOnePass() {
            this(null);
        }

        private ObjectInOnePass(KubernetesDeserializer registry) {
            this.registry = registry;
        }

        /** The client's own registry of kinds: its serialization hands it out for {@link KubernetesDeserializer}. */
        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> registry = context.deserializerInstance(
                    property == null ? null : property.getMember(), KubernetesDeserializer.class);
            return new ObjectInOnePass((KubernetesDeserializer) registry);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.isExpectedStartObjectToken()) {
                return registry.deserialize(parser, context);
            }
            TokenBuffer head = context.bufferForInputBuffering(parser);
            head.writeStartObject();
            String apiVersion = null;
            String kind = null;
            boolean whole = false;
            while (apiVersion == null || kind == null) {
                if (parser.nextToken() != JsonToken.FIELD_NAME) {
                    head.writeEndObject();
                    whole = true;
                    break;
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && name.equals("apiVersion")) {
                    apiVersion = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && name.equals("kind")) {
                    kind = parser.getText();
                }
                head.writeFieldName(name);
                head.copyCurrentStructure(parser);
            }
            JsonParser object = whole ? head.asParser(parser)
                    : JsonParserSequence.createFlattened(false, head.asParser(parser), parser);
            object.nextToken();
            Class<? extends KubernetesResource> type = whole ? null : registry.getRegisteredKind(apiVersion, kind);
            return type == null ? registry.deserialize(object, context) : context.readValue(object, type);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(WatchEvent.class, OnePass.class);
    }
}
