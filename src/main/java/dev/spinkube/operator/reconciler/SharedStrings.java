package dev.spinkube.operator.reconciler;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Equal string values read by the operator's client share one {@link String}. The informer caches hold every
 * Deployment, Service and SpinApp the operator owns, and most of their strings are the same from one object to the
 * next: what the API server fills in ({@code TCP}, {@code IfNotPresent}, {@code ClusterFirst}...), the labels
 * repeated in selectors and templates, the images, the executor. Each read used to make its own copy of each.
 * <p>
 * A fixed table of recently read values, indexed by hash: a value found there is returned without a new
 * {@code String}; otherwise the new one takes the slot. It is lossy and bounded (at most {@value #SLOTS} strings of at
 * most {@value #MAX_LENGTH} characters), so values seen once cost nothing beyond their slot until replaced. Races
 * between readers only lose a share: a {@code String} is safely published by its final fields.
 * <p>
 * The keys of maps (labels, annotations, selectors, resource limits) go through the same table: the client reads
 * field names without Jackson's own shared table of names ({@link ClientSerialization}), so each key read is a new
 * {@code String} until it is found here.
 * <p>
 * Not shared, so not kept by the table: the keys and values of a Secret's or ConfigMap's {@code data},
 * {@code stringData} and {@code binaryData} (the caches keep only their digests), and fields that are unique to one
 * object ({@code uid}, {@code resourceVersion}, {@code creationTimestamp}), which would only push useful values out.
 */
@Singleton
public class SharedStrings implements KubernetesClientObjectMapperCustomizer {
    static final int SLOTS = 4096;
    static final int MAX_LENGTH = 128;
    private static final Set<String> UNIQUE_FIELDS = Set.of("uid", "resourceVersion", "creationTimestamp");
    private static final Set<String> DATA_FIELDS = Set.of("data", "stringData", "binaryData");

    @Override
    public void customize(ObjectMapper mapper) {
        Deserializer values = new Deserializer();
        mapper.registerModule(new SimpleModule("shared-strings").addDeserializer(String.class, values)
                .addKeyDeserializer(String.class, values.keys));
    }

    static final class Deserializer extends StdScalarDeserializer<String> {
        private final String[] slots = new String[SLOTS];
        final KeyDeserializer keys = new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) {
                JsonParser parser = context.getParser();
                return parser == null || key.length() > MAX_LENGTH || !outsideData(parser) ? key : share(key);
            }
        };

        Deserializer() {
            super(String.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return "";
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING) || !shareable(parser)) {
                return StringDeserializer.instance.deserialize(parser, context);
            }
            int length = parser.getTextLength();
            if (length > MAX_LENGTH) {
                return parser.getText();
            }
            char[] text = parser.getTextCharacters();
            int offset = parser.getTextOffset();
            int hash = 0; // String.hashCode() of the text: a key and a value that are equal meet in one slot
            for (int i = 0; i < length; i++) {
                hash = 31 * hash + text[offset + i];
            }
            int slot = slot(hash);
            String known = slots[slot];
            if (known != null && equal(known, text, offset, length)) {
                return known;
            }
            String value = new String(text, offset, length);
            slots[slot] = value;
            return value;
        }

        private String share(String key) {
            int slot = slot(key.hashCode());
            String known = slots[slot];
            if (key.equals(known)) {
                return known;
            }
            slots[slot] = key;
            return key;
        }

        /** The slot of a string by its {@link String#hashCode()}. */
        private static int slot(int hash) {
            return (hash ^ (hash >>> 16)) & (SLOTS - 1);
        }

        private static boolean shareable(JsonParser parser) {
            JsonStreamContext here = parser.getParsingContext();
            return !named(here, UNIQUE_FIELDS) && outsideData(parser);
        }

        /** Whether the value or key being read is not in a Secret's or ConfigMap's data. */
        private static boolean outsideData(JsonParser parser) {
            JsonStreamContext here = parser.getParsingContext();
            return here.getParent() == null || !named(here.getParent(), DATA_FIELDS);
        }

        private static boolean named(JsonStreamContext context, Set<String> names) {
            String name = context.getCurrentName();
            return name != null && names.contains(name);
        }

        private static boolean equal(String known, char[] text, int offset, int length) {
            if (known.length() != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (known.charAt(i) != text[offset + i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
