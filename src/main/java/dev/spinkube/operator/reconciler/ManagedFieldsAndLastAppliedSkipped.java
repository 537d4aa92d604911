package dev.spinkube.operator.reconciler;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;

/**
 * The metadata the operator never reads, skipped by its client as it reads objects, so the informer caches do not
 * hold it either:
 * <ul>
 * <li>{@code managedFields}: the largest part of most objects the API server sends (about half of a Deployment
 * applied server-side). Owned objects are compared by {@link DesiredMatch}, not by JOSDK's matcher that needs them.
 * Nothing the operator writes carries them (server-side apply refuses them; an update without them keeps them).</li>
 * <li>the {@code kubectl.kubernetes.io/last-applied-configuration} annotation: a second copy of every object applied
 * with {@code kubectl apply}, for a Secret its values in clear. Nothing the operator writes replaces a whole object
 * it has read, so the annotation stays as it is on the API server.</li>
 * </ul>
 */
@Singleton
public class ManagedFieldsAndLastAppliedSkipped implements KubernetesClientObjectMapperCustomizer {
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    @JsonIgnoreProperties("managedFields")
    @RegisterForReflection
    abstract static class Unread {
        @JsonDeserialize(using = AnnotationsWithoutLastApplied.class)
        abstract void setAnnotations(Map<String, String> annotations);
    }

    @RegisterForReflection
    static class AnnotationsWithoutLastApplied extends JsonDeserializer<Map<String, String>> {
        private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
        };

        @Override
        public Map<String, String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Map<String, String> annotations = parser.readValueAs(MAP);
            annotations.remove(LAST_APPLIED);
            return annotations;
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(ObjectMeta.class, Unread.class);
    }
}
