package dev.spinkube.operator.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.desired.DefaultExecutor;
import dev.spinkube.operator.validation.ExecutorRules;
import dev.spinkube.operator.api.v1alpha1.Messages;
import dev.spinkube.operator.validation.SpinAppRules;
import dev.spinkube.operator.validation.Violation;

/**
 * The admission decisions, as functions from an AdmissionReview (v1) to its response: defaulting the
 * executor, validating SpinApps (with the cross-object rules) and executors. No I/O here but the
 * executor lookups the caller passes in.
 */
public final class Admission {
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The executors of a namespace, as the webhook can see them. */
    public interface Executors {
        List<SpinAppExecutor> inNamespace(String namespace);

        default Optional<SpinAppExecutor> get(String namespace, String name) {
            return inNamespace(namespace).stream().filter(e -> e.getMetadata().getName().equals(name)).findFirst();
        }
    }

    private Admission() {
    }

    /**
     * Mutating: an app without executor gets the alphabetically first executor of its namespace. An object it cannot
     * read is let through unchanged: the API server's schema check, which runs after mutation, names the bad field.
     */
    public static JsonNode defaultSpinApp(JsonNode review, Executors executors) {
        JsonNode request = review.path("request");
        SpinApp app;
        try {
            app = read(request, SpinApp.class);
        } catch (IllegalArgumentException e) {
            return allow(request);
        }
        ObjectNode response = allow(request);
        String namespace = namespace(request, app);
        if (DefaultExecutor.apply(app, executors.inNamespace(namespace))) {
            ArrayNode patch = JSON.createArrayNode();
            ObjectNode op = patch.addObject().put("op", "add").put("path", "/spec/executor").put("value", app.getSpec().executor);
            if (request.path("object").path("spec").isMissingNode()) {
                op.put("path", "/spec").set("value", JSON.createObjectNode().put("executor", app.getSpec().executor));
            }
            response.with("response").put("patchType", "JSONPatch").put("patch",
                    Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return response;
    }

    /** Validating: every rule of the app, plus those that need its executor (which must exist). */
    public static JsonNode validateSpinApp(JsonNode review, Executors executors) {
        JsonNode request = review.path("request");
        SpinApp app;
        try {
            app = read(request, SpinApp.class);
        } catch (IllegalArgumentException e) {
            return deny(request, "SpinApp", List.of(new Violation("", e.getMessage())));
        }
        List<Violation> violations = new ArrayList<>();
        String executorName = app.getSpec().executor;
        SpinAppExecutor executor = null;
        if (executorName != null && !executorName.isEmpty()) {
            executor = executors.get(namespace(request, app), executorName).orElse(null);
            if (executor == null) {
                violations.add(new Violation("spec.executor", Messages.EXECUTOR_NOT_FOUND));
            }
        }
        violations.addAll(SpinAppRules.check(app, executor));
        return violations.isEmpty() ? allow(request) : deny(request, "SpinApp", violations);
    }

    public static JsonNode validateExecutor(JsonNode review) {
        JsonNode request = review.path("request");
        SpinAppExecutor executor;
        try {
            executor = read(request, SpinAppExecutor.class);
        } catch (IllegalArgumentException e) {
            return deny(request, "SpinAppExecutor", List.of(new Violation("", e.getMessage())));
        }
        List<Violation> violations = ExecutorRules.check(executor.getSpec());
        return violations.isEmpty() ? allow(request) : deny(request, "SpinAppExecutor", violations);
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T read(JsonNode request, Class<T> type) {
        JsonNode object = request.path("object");
        if (!object.isObject()) {
            throw new IllegalArgumentException("the AdmissionReview has no object to review");
        }
        try {
            return JSON.treeToValue(object, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the " + type.getSimpleName() + ": "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private static String namespace(JsonNode request, SpinApp app) {
        String ns = app.getMetadata() == null ? null : app.getMetadata().getNamespace();
        return ns != null && !ns.isEmpty() ? ns : request.path("namespace").asText("default");
    }

    private static ObjectNode review(JsonNode request) {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        review.putObject("response").put("uid", request.path("uid").asText());
        return review;
    }

    static ObjectNode allow(JsonNode request) {
        ObjectNode review = review(request);
        review.with("response").put("allowed", true);
        return review;
    }

    /** A denial shaped like the API server's own validation errors (code 422, reason Invalid, causes per field). */
    static ObjectNode deny(JsonNode request, String kind, List<Violation> violations) {
        ObjectNode review = review(request);
        String name = request.path("object").path("metadata").path("name").asText(request.path("name").asText(""));
        ObjectNode status = review.with("response").put("allowed", false).putObject("status");
        status.put("code", 422).put("reason", "Invalid").put("message", kind + ".core.spinkube.dev \"" + name
                + "\" is invalid: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        ObjectNode details = status.putObject("details").put("name", name).put("group", "core.spinkube.dev").put("kind", kind);
        ArrayNode causes = details.putArray("causes");
        violations.forEach(v -> causes.addObject().put("reason", "FieldValueInvalid").put("field", v.field())
                .put("message", v.message()));
        return review;
    }
}
