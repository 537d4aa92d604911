package dev.spinkube.operator.reconciler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapper;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * How the operator's client reads and writes JSON: the mapper Quarkus builds for it (with
 * {@link ManagedFieldsAndLastAppliedSkipped}, {@link WatchEventsReadInOnePass} and {@link SharedStrings}), reading
 * field names without Jackson's shared table of names, and knowing the kinds the operator watches.
 * <p>
 * Jackson keeps the field names it has read in a table shared by all the parsers of one mapper. A parser that meets a
 * name not yet in it first copies the whole table, and hands its copy back when it closes. The managedFields of every
 * object the operator owns hold names unique to that object (the owner's {@code k:{"uid":"..."}}, the container
 * {@code k:{"name":"<app>"}}) and are read, to be skipped, like any other field: with a thousand apps the table holds
 * thousands of names and nearly every watch event and every response to a write copied it. Reading 3,000 Deployments,
 * each with its owner's uid in its managedFields, allocated 191 KiB per read with the table and 20 KiB without (on
 * the JVM); the native executable spent 11.6% less CPU converging 1,000 apps, 26% at 10,000. Without the table each
 * name is a new short string; the map keys the caches keep are shared by {@link SharedStrings} instead.
 */
@Singleton
public class ClientSerialization {
    @Produces
    @Singleton
    KubernetesSerialization serialization(@KubernetesClientObjectMapper ObjectMapper mapper) {
        KubernetesSerialization serialization = new JsonReadAsText(withoutSharedNames(mapper));
        WatchEventsReadInOnePass.WATCHED.forEach(serialization::registerKubernetesResource);
        return serialization;
    }

    /**
     * fabric8's serialization, reading JSON as text. Without canonicalized field names Jackson reads bytes through an
     * {@code InputStreamReader}, and fabric8 hands it bytes even where it has text: a watch event arrives as a
     * {@code String}, which fabric8 encodes back into bytes; a response body is a byte array, which fabric8 wraps in a
     * {@code BufferedInputStream} to look for YAML. Each read then allocated two 8 KiB buffers (an eighth of the bytes
     * the JVM operator allocated while converging 1,000 apps, by JFR's allocation samples) and decoded UTF-8 through
     * the reader. Here a JSON document is read from its text, decoded once. Anything else goes to fabric8 as before:
     * YAML, and response bodies larger than {@link #AS_TEXT} (a long list, read as a stream rather than copied).
     */
    static final class JsonReadAsText extends KubernetesSerialization {
        /** Bodies up to this size are read as text; a single object is a few KiB. */
        static final int AS_TEXT = 256 * 1024;
        private final ObjectMapper mapper;

        JsonReadAsText(ObjectMapper mapper) {
            super(mapper, false);
            this.mapper = mapper;
        }

        /** Watch events (fabric8's {@code AbstractWatchManager}). */
        @Override
        public <T> T unmarshal(String text, Class<T> type) {
            return isJson(text) ? read(text, type) : super.unmarshal(text, type);
        }

        /** Responses (fabric8's {@code OperationSupport} reads each body into a byte array). */
        @Override
        public <T> T unmarshal(InputStream in, TypeReference<T> type) {
            if (!(in instanceof ByteArrayInputStream body) || body.available() > AS_TEXT) {
                return super.unmarshal(in, type);
            }
            byte[] bytes = body.readAllBytes();
            String text = new String(bytes, StandardCharsets.UTF_8);
            return isJson(text) ? read(text, type.getType()) : super.unmarshal(new ByteArrayInputStream(bytes), type);
        }

        private <T> T read(String text, Type type) {
            try {
                return mapper.readerFor(mapper.constructType(type)).readValue(text);
            } catch (IOException e) {
                throw KubernetesClientException.launderThrowable(e);
            }
        }

        /**
         * As fabric8 tells JSON from YAML: the first byte that is not white space opens an object or a list (a
         * character beyond ASCII is a byte of UTF-8 that is neither).
         */
        static boolean isJson(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 0x80 || !Character.isWhitespace(c)) {
                    return c == '{' || c == '[';
                }
            }
            return false;
        }
    }

    /** The same mapper, its customizations kept, with a factory that does not canonicalize field names. */
    static ObjectMapper withoutSharedNames(ObjectMapper mapper) {
        JsonFactory factory = mapper.getFactory().rebuild()
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .build();
        return mapper.copyWith(factory);
    }
}
