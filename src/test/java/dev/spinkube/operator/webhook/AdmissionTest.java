package dev.spinkube.operator.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.zjsonpatch.JsonPatch;

/** The mutating webhook's answer, as the API server applies it: a JSON Patch that sets only spec.executor. */
class AdmissionTest {
    private static final Admission.Executors TWO_EXECUTORS = new Admission.Executors() {
        @Override
        public boolean watches(String namespace) {
            return true;
        }

        @Override
        public List<SpinAppExecutor> inNamespace(String namespace) {
            return List.of(executor("zeta"), executor("alpha"));
        }

        @Override
        public Optional<SpinAppExecutor> named(String namespace, String name) {
            return inNamespace(namespace).stream().filter(e -> e.getMetadata().getName().equals(name)).findFirst();
        }
    };

    @Test
    void anAppWithoutExecutorGetsThePatchThatSetsTheFirstExecutorAndNothingElse() throws Exception {
        JsonNode app = Admission.JSON.readTree("""
                {"apiVersion":"core.spinkube.dev/v1alpha1","kind":"SpinApp","metadata":{"name":"a","namespace":"ns"},
                 "spec":{"image":"ghcr.io/example/app:v1","replicas":2}}""");

        JsonNode patch = patch(Admission.defaultSpinApp(review(app), TWO_EXECUTORS).getResponse());

        assertEquals(Admission.JSON.readTree("[{\"op\":\"add\",\"path\":\"/spec/executor\",\"value\":\"alpha\"}]"),
                patch);
        JsonNode patched = JsonPatch.apply(patch, app);
        assertEquals("alpha", patched.path("spec").path("executor").asText());
        assertEquals(2, patched.path("spec").path("replicas").asInt());
    }

    /** The schema requires a spec; the API server still asks the mutating webhook first. */
    @Test
    void anAppWithoutSpecGetsOneWithTheExecutor() throws Exception {
        JsonNode app = Admission.JSON.readTree("""
                {"apiVersion":"core.spinkube.dev/v1alpha1","kind":"SpinApp","metadata":{"name":"a","namespace":"ns"}}""");

        JsonNode patched = JsonPatch.apply(patch(Admission.defaultSpinApp(review(app), TWO_EXECUTORS).getResponse()),
                app);

        assertEquals(Admission.JSON.readTree("{\"executor\":\"alpha\"}"), patched.path("spec"));
    }

    @Test
    void anAppWithAnExecutorIsLetThroughUnpatched() throws Exception {
        JsonNode app = Admission.JSON.readTree("""
                {"apiVersion":"core.spinkube.dev/v1alpha1","kind":"SpinApp","metadata":{"name":"a","namespace":"ns"},
                 "spec":{"executor":"zeta","image":"ghcr.io/example/app:v1"}}""");

        AdmissionResponse response = Admission.defaultSpinApp(review(app), TWO_EXECUTORS).getResponse();

        assertTrue(response.getAllowed());
        assertNull(response.getPatch());
        assertFalse(response.getUid().isEmpty());
    }

    private static AdmissionReview review(JsonNode object) throws Exception {
        return Admission.review("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":"
                + "{\"uid\":\"u-1\",\"operation\":\"CREATE\",\"namespace\":\"ns\",\"object\":" + object + "}}");
    }

    private static JsonNode patch(AdmissionResponse response) throws Exception {
        assertTrue(response.getAllowed());
        assertEquals("JSONPatch", response.getPatchType());
        return Admission.JSON.readTree(new String(Base64.getDecoder().decode(response.getPatch()),
                StandardCharsets.UTF_8));
    }

    private static SpinAppExecutor executor(String name) {
        SpinAppExecutor executor = new SpinAppExecutor();
        executor.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").build());
        return executor;
    }
}
