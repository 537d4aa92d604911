package dev.spinkube.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import dev.spinkube.operator.api.v1alpha1.ReadyReason;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppStatus;
import dev.spinkube.operator.desired.DesiredObjects;
import dev.spinkube.operator.plan.Plan;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** The status of a SpinApp from the plan and the observed Deployment, whole, as kubectl shows it. */
class AppStatusTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final Plan.Apply EXTERNAL = new Plan.Apply(new DesiredObjects(null, null, null, new Service()));
    static final Plan.Apply WITH_DEPLOYMENT = new Plan.Apply(new DesiredObjects(null, null, new Deployment(),
            new Service()));

    static SpinApp app() {
        SpinApp app = new SpinApp();
        app.getMetadata().setName("web");
        app.getMetadata().setGeneration(3L);
        app.getSpec().setExecutor("shim");
        return app;
    }

    static Deployment observed(int wanted, int ready, String available) {
        return new DeploymentBuilder().withNewSpec().withReplicas(wanted).endSpec().withNewStatus()
                .withReplicas(wanted).withReadyReplicas(ready)
                .addNewCondition().withType("Available").withStatus(available).withReason("MinimumReplicasAvailable")
                .withMessage("Deployment has minimum availability.").endCondition()
                .endStatus().build();
    }

    static String yaml(SpinAppStatus status) throws Exception {
        return YAML.writeValueAsString(status);
    }

    @Test
    void blockedAppSaysWhyAndHasNoScheduler() throws Exception {
        var blocked = new Plan.Blocked(ReadyReason.MissingExecutor, "Could not find SpinAppExecutor default/shim");
        var status = AppStatus.next(app(), blocked, null, NOW);
        assertEquals("""
                conditions:
                - lastTransitionTime: 2026-11-24T10:00:00Z
                  message: Could not find SpinAppExecutor default/shim
                  observedGeneration: 3
                  reason: MissingExecutor
                  status: "False"
                  type: Ready
                readyReplicas: 0
                observedGeneration: 3
                """, yaml(status));
    }

    @Test
    void externallyDeployedAppIsReadyWithItsService() throws Exception {
        assertEquals("""
                conditions:
                - lastTransitionTime: 2026-11-24T10:00:00Z
                  message: The executor runs the app outside the operator; its Service is in place
                  observedGeneration: 3
                  reason: ExternallyDeployed
                  status: "True"
                  type: Ready
                activeScheduler: shim
                readyReplicas: 0
                observedGeneration: 3
                serviceName: web
                """, yaml(AppStatus.next(app(), EXTERNAL, null, NOW)));
    }

    @Test
    void deploymentNotYetObservedIsUnknownAndNotReady() throws Exception {
        assertEquals("""
                conditions:
                - lastTransitionTime: 2026-11-24T10:00:00Z
                  message: Deployment not found
                  reason: DeploymentNotFound
                  status: Unknown
                  type: Available
                - lastTransitionTime: 2026-11-24T10:00:00Z
                  message: Deployment not found
                  reason: DeploymentNotFound
                  status: Unknown
                  type: Progressing
                - lastTransitionTime: 2026-11-24T10:00:00Z
                  message: Deployment not found
                  observedGeneration: 3
                  reason: DeploymentNotFound
                  status: "False"
                  type: Ready
                activeScheduler: shim
                readyReplicas: 0
                replicas: 0
                selector: "core.spinkube.dev/app-name=web,core.spinkube.dev/app.web.status=ready"
                observedGeneration: 3
                serviceName: web
                """, yaml(AppStatus.next(app(), WITH_DEPLOYMENT, null, NOW)));
    }

    @Test
    void availableDeploymentWithEveryReplicaReadyMakesTheAppReady() throws Exception {
        assertEquals("""
                conditions:
                - lastTransitionTime: 2026-11-24T10:00:00Z
                  message: Deployment has minimum availability.
                  reason: MinimumReplicasAvailable
                  status: "True"
                  type: Available
                - lastTransitionTime: 2026-11-24T10:00:00Z
                  message: The Deployment does not report this condition yet
                  reason: DeploymentStatusUnknown
                  status: Unknown
                  type: Progressing
                - lastTransitionTime: 2026-11-24T10:00:00Z
                  message: 2 of 2 replicas ready
                  observedGeneration: 3
                  reason: AppReady
                  status: "True"
                  type: Ready
                activeScheduler: shim
                readyReplicas: 2
                replicas: 2
                selector: "core.spinkube.dev/app-name=web,core.spinkube.dev/app.web.status=ready"
                observedGeneration: 3
                deploymentName: web
                serviceName: web
                """, yaml(AppStatus.next(app(), WITH_DEPLOYMENT, observed(2, 2, "True"), NOW)));
    }

    @Test
    void missingReplicasKeepTheAppNotReady() {
        var ready = AppStatus.next(app(), WITH_DEPLOYMENT, observed(2, 1, "True"), NOW).conditions().get(2);
        assertEquals(java.util.List.of("False", "PodsNotReady", "1 of 2 replicas ready"),
                java.util.List.of(ready.getStatus(), ready.getReason(), ready.getMessage()));
    }

    /** An unchanged world gives an equal status, so the reconciler writes nothing. */
    @Test
    void aConditionKeepsItsTransitionTimeWhileItsStatusStays() {
        SpinApp app = app();
        app.setStatus(AppStatus.next(app, WITH_DEPLOYMENT, observed(2, 1, "True"), NOW));
        var later = AppStatus.next(app, WITH_DEPLOYMENT, observed(2, 1, "True"), NOW.plusSeconds(60));
        assertEquals(app.getStatus(), later);
        var ready = AppStatus.next(app, WITH_DEPLOYMENT, observed(2, 2, "True"), NOW.plusSeconds(60));
        assertEquals("2026-11-24T10:01:00Z", ready.conditions().get(2).getLastTransitionTime());
        assertEquals("2026-11-24T10:00:00Z", ready.conditions().get(0).getLastTransitionTime());
    }
}
