package dev.spinkube.operator.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.desired.DefaultExecutor;
import dev.spinkube.operator.validation.ExecutorRules;
import dev.spinkube.operator.api.v1alpha1.RuleMessages;
import dev.spinkube.operator.validation.SpinAppRules;
import dev.spinkube.operator.validation.Violation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.zjsonpatch.JsonDiff;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The admission decisions, as functions from an AdmissionReview (v1) to the review that answers it: defaulting the
 * executor, validating SpinApps (with the cross-object rules) and executors. No I/O here but the executor lookups
 * the caller passes in.
 */
public final class Admission {
    /**
     * Reads and writes AdmissionReviews. The object under review stays JSON until the webhook reads it as its own
     * type ({@link #read}), so that an object that does not fit (a string for a number) is answered with its own
     * message instead of failing the whole review.
     */
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(AdmissionRequest.class, ObjectsAsJson.class);

    @RegisterForReflection // read by Jackson in the native executable too
    abstract static class ObjectsAsJson {
        @JsonDeserialize(using = AsJson.class)
        abstract void setObject(Object object);

        @JsonDeserialize(using = AsJson.class)
        abstract void setOldObject(Object oldObject);
    }

    @RegisterForReflection
    static final class AsJson extends JsonDeserializer<Object> {
        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return parser.readValueAsTree();
        }
    }

    /** The executors of a namespace, as the webhook can see them. */
    public interface Executors {
        /** Whether the operator watches the namespace; in any other no executor is looked up. */
        boolean watches(String namespace);

        List<SpinAppExecutor> inNamespace(String namespace);

        Optional<SpinAppExecutor> named(String namespace, String name);
    }

    private Admission() {
    }

    /** The review in an HTTP body; IllegalArgumentException when it is none. */
    static AdmissionReview review(String body) {
        AdmissionReview review;
        try {
            review = JSON.readValue(body, AdmissionReview.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not an AdmissionReview: " + e.getMessage());
        }
        if (review == null || review.getRequest() == null) {
            throw new IllegalArgumentException("the body is not an AdmissionReview with a request");
        }
        return review;
    }

    /**
     * Mutating: an app without executor gets the alphabetically first executor of its namespace. An object it cannot
     * read is let through unchanged: the API server's schema check, which runs after mutation, names the bad field.
     */
    public static AdmissionReview defaultSpinApp(AdmissionReview review, Executors executors) {
        AdmissionRequest request = review.getRequest();
        SpinApp app;
        try {
            app = read(request, SpinApp.class);
        } catch (IllegalArgumentException e) {
            return answer(allowed(request));
        }
        String namespace = namespace(request, app);
        if (!executors.watches(namespace) || !DefaultExecutor.apply(app, executors.inNamespace(namespace))) {
            return answer(allowed(request));
        }
        JsonNode object = (JsonNode) request.getObject();
        ObjectNode defaulted = object.deepCopy();
        defaulted.withObjectProperty("spec").put("executor", app.getSpec().executor().orElseThrow());
        String patch = JsonDiff.asJson(object, defaulted).toString();
        return answer(new AdmissionResponseBuilder(allowed(request)).withPatchType("JSONPatch")
                .withPatch(Base64.getEncoder().encodeToString(patch.getBytes(StandardCharsets.UTF_8))).build());
    }

    /** Validating: every rule of the app, plus those that need its executor (which must exist). */
    public static AdmissionReview validateSpinApp(AdmissionReview review, Executors executors) {
        AdmissionRequest request = review.getRequest();
        SpinApp app;
        try {
            app = read(request, SpinApp.class);
        } catch (IllegalArgumentException e) {
            return answer(denied(request, "SpinApp", List.of(new Violation("", e.getMessage()))));
        }
        List<Violation> violations = new ArrayList<>();
        SpinAppExecutor executor = null;
        String namespace = namespace(request, app);
        Optional<String> executorName = app.getSpec().executor().filter(name -> executors.watches(namespace));
        if (executorName.isPresent()) {
            executor = executors.named(namespace, executorName.get()).orElse(null);
            if (executor == null) {
                violations.add(new Violation("spec.executor", RuleMessages.EXECUTOR_NOT_FOUND));
            }
        }
        violations.addAll(SpinAppRules.check(app, executor));
        return answer(violations.isEmpty() ? allowed(request) : denied(request, "SpinApp", violations));
    }

    public static AdmissionReview validateExecutor(AdmissionReview review) {
        AdmissionRequest request = review.getRequest();
        SpinAppExecutor executor;
        try {
            executor = read(request, SpinAppExecutor.class);
        } catch (IllegalArgumentException e) {
            return answer(denied(request, "SpinAppExecutor", List.of(new Violation("", e.getMessage()))));
        }
        List<Violation> violations = ExecutorRules.check(executor.getSpec());
        return answer(violations.isEmpty() ? allowed(request) : denied(request, "SpinAppExecutor", violations));
    }

    private static <T extends HasMetadata> T read(AdmissionRequest request, Class<T> type) {
        if (!(request.getObject() instanceof JsonNode object) || !object.isObject()) {
            throw new IllegalArgumentException("the AdmissionReview has no object to review");
        }
        try {
            return JSON.treeToValue(object, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the " + type.getSimpleName() + ": "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private static String namespace(AdmissionRequest request, SpinApp app) {
        String ns = app.getMetadata() == null ? null : app.getMetadata().getNamespace();
        if (ns != null && !ns.isEmpty()) {
            return ns;
        }
        return request.getNamespace() == null || request.getNamespace().isEmpty() ? "default" : request.getNamespace();
    }

    private static AdmissionReview answer(AdmissionResponse response) {
        return new AdmissionReviewBuilder().withApiVersion("admission.k8s.io/v1").withKind("AdmissionReview")
                .withResponse(response).build();
    }

    static AdmissionResponse allowed(AdmissionRequest request) {
        return new AdmissionResponseBuilder().withUid(request.getUid()).withAllowed(true).build();
    }

    /** A denial shaped like the API server's own validation errors (code 422, reason Invalid, causes per field). */
    static AdmissionResponse denied(AdmissionRequest request, String kind, List<Violation> violations) {
        String name = request.getObject() instanceof JsonNode object
                ? object.path("metadata").path("name").asText(request.getName() == null ? "" : request.getName())
                : request.getName() == null ? "" : request.getName();
        return new AdmissionResponseBuilder().withUid(request.getUid()).withAllowed(false)
                .withStatus(new StatusBuilder().withCode(422).withReason("Invalid")
                        .withMessage(kind + ".core.spinkube.dev \"" + name + "\" is invalid: "
                                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")))
                        .withNewDetails().withName(name).withGroup("core.spinkube.dev").withKind(kind)
                        .withCauses(violations.stream().map(v -> new StatusCauseBuilder()
                                .withReason("FieldValueInvalid").withField(v.field()).withMessage(v.message()).build())
                                .toList())
                        .endDetails().build())
                .build();
    }
}
