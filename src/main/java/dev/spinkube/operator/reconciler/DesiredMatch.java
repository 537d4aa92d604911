package dev.spinkube.operator.reconciler;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Whether an owned object is already as the operator wants it, judged without {@code metadata.managedFields} (the
 * caches do not keep them, see {@link ManagedFieldsAndLastAppliedSkipped}):
 * <ul>
 * <li>every field the desired object sets has that value in the actual object; what the API server or other
 * managers add (defaults, an autoscaler's replicas, someone's extra container) is left alone, as server-side apply
 * leaves it; a hand edit of a field the operator sets is noticed and applied over;</li>
 * <li>the hash of the whole desired object, kept in an annotation, notices a field the desired object no longer
 * sets (a removed label or env var), which a comparison of present fields cannot see.</li>
 * </ul>
 */
final class DesiredMatch {
    static final String HASH = "core.spinkube.dev/desired-hash";
    /** Where a string value is a quantity that the API server writes in its canonical form ("0.5" becomes "500m"). */
    private static final Set<String> QUANTITIES = Set.of("limits", "requests", "sizeLimit");

    private DesiredMatch() {
    }

    /**
     * Puts the hash of the desired object into its annotations. Not hashed: the hash itself, and the annotation with
     * which JOSDK recognises the events of its own writes (it changes with every write).
     */
    static void stamp(HasMetadata desired, KubernetesSerialization json) {
        JsonNode node = json.convertValue(desired, JsonNode.class);
        if (node.path("metadata") instanceof ObjectNode metadata
                && metadata.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(List.of(HASH, InformerEventSource.PREVIOUS_ANNOTATION_KEY));
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
        desired.getMetadata().getAnnotations().put(HASH, hash(node));
    }

    static boolean matches(HasMetadata actual, HasMetadata desired, KubernetesSerialization json) {
        String hash = desired.getMetadata().getAnnotations().get(HASH);
        if (hash == null || !hash.equals(actual.getMetadata().getAnnotations().get(HASH))) {
            return false;
        }
        return contains(json.convertValue(actual, JsonNode.class), json.convertValue(desired, JsonNode.class), "");
    }

    /** Whether {@code actual} has every value {@code desired} sets; {@code field} names the value's field. */
    static boolean contains(JsonNode actual, JsonNode desired, String field) {
        if (actual == null || actual.isNull()) {
            return isEmpty(desired);
        }
        if (desired.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!contains(actual.get(e.getKey()), e.getValue(), QUANTITIES.contains(field) ? field : e.getKey())) {
                    return false;
                }
            }
            return actual.isObject();
        }
        if (desired.isArray()) {
            return actual.isArray() && containsInOrder(actual, desired, field);
        }
        if (desired.isNumber() && actual.isNumber()) {
            return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (desired.isTextual() && actual.isTextual() && QUANTITIES.contains(field)) {
            return sameQuantity(actual.textValue(), desired.textValue());
        }
        return desired.equals(actual);
    }

    /**
     * Lists of objects (containers, env, ports, volumes: lists whose items server-side apply merges by key) may hold
     * items of other managers between the desired ones; lists of plain values (command, args) must be equal.
     */
    private static boolean containsInOrder(JsonNode actual, JsonNode desired, String field) {
        boolean ofObjects = desired.size() > 0 && desired.get(0).isObject();
        if (!ofObjects && actual.size() != desired.size()) {
            return false;
        }
        int a = 0;
        for (JsonNode item : desired) {
            while (a < actual.size() && !contains(actual.get(a), item, field)) {
                if (!ofObjects) {
                    return false;
                }
                a++;
            }
            if (a == actual.size()) {
                return false;
            }
            a++;
        }
        return true;
    }

    /** The API server leaves out empty values ("", false, 0, {}, []): a desired empty value matches an absent one. */
    private static boolean isEmpty(JsonNode desired) {
        return desired.isContainerNode() ? desired.isEmpty()
                : desired.isTextual() ? desired.textValue().isEmpty()
                        : desired.isBoolean() ? !desired.booleanValue()
                                : desired.isNumber() && desired.decimalValue().compareTo(BigDecimal.ZERO) == 0;
    }

    private static boolean sameQuantity(String actual, String desired) {
        try {
            return Quantity.getAmountInBytes(new Quantity(actual))
                    .compareTo(Quantity.getAmountInBytes(new Quantity(desired))) == 0;
        } catch (IllegalArgumentException e) {
            return actual.equals(desired);
        }
    }

    /** SHA-256 of the object with the keys of every map sorted (a map's order is no change), 16 hex digits. */
    static String hash(JsonNode node) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            feed(digest, node);
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void feed(MessageDigest digest, JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            digest.update((byte) '{');
            for (String key : keys) {
                digest.update(key.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                feed(digest, node.get(key));
            }
            digest.update((byte) '}');
        } else if (node.isArray()) {
            digest.update((byte) '[');
            node.forEach(item -> feed(digest, item));
            digest.update((byte) ']');
        } else {
            digest.update(node.toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) ',');
        }
    }
}
