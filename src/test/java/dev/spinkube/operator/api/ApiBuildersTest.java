package dev.spinkube.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.spinkube.operator.api.v1alpha1.SpinAppExecutorSpec;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutorSpecBuilder;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpecBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

/**
 * The builders sundrio generates for the API types write what they are given, nested objects and lists included, and
 * copy an object as it is: the JSON of a built or copied object is the JSON one would write by hand.
 */
class ApiBuildersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpinAppSpec spec = new SpinAppSpecBuilder().withExecutor("shim").withImage("ghcr.io/example/app:v1")
            .withReplicas(2).withEnv(new EnvVar("RUST_LOG", "info", null))
            .withNewChecks().withNewLiveness().withNewHttpGet().withPath("/health").endHttpGet().endLiveness()
            .endChecks()
            .withNewRuntimeConfig().addNewKeyValueStore().withName("default").withType("redis")
            .addNewOption().withName("url").withNewValueFrom()
            .withSecretKeyRef(new SecretKeySelector("url", "redis", false)).endValueFrom().endOption()
            .endKeyValueStore().endRuntimeConfig()
            .addNewVariable().withName("greeting").withValue("hello").endVariable()
            .withPodLabels(Map.of("team", "web"))
            .build();

    @Test
    void aBuiltObjectHoldsEverythingItWasGiven() throws Exception {
        assertEquals(JSON.readTree("""
                {"executor":"shim","image":"ghcr.io/example/app:v1","checks":{"liveness":{"httpGet":{"path":"/health"}}},
                 "replicas":2,
                 "runtimeConfig":{"keyValueStores":[{"name":"default","type":"redis","options":[
                   {"name":"url","valueFrom":{"secretKeyRef":{"key":"url","name":"redis","optional":false}}}]}]},
                 "variables":[{"name":"greeting","value":"hello"}],
                 "podLabels":{"team":"web"},
                 "env":[{"name":"RUST_LOG","value":"info"}]}"""), JSON.valueToTree(spec));
    }

    @Test
    void aCopyIsTheSameObject() {
        JsonNode copy = JSON.valueToTree(new SpinAppSpecBuilder(spec).build());
        assertEquals(JSON.valueToTree(spec), copy);
    }

    @Test
    void unsetFieldsStayUnset() {
        SpinAppExecutorSpec executor = new SpinAppExecutorSpecBuilder().withCreateDeployment(false).build();
        assertEquals(JSON.createObjectNode().put("createDeployment", false), JSON.valueToTree(executor));
        assertEquals(List.of(), new SpinAppSpecBuilder().build().env(), "the accessor's default, not a stored []");
    }
}
