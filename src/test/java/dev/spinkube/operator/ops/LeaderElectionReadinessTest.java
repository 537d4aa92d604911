package dev.spinkube.operator.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.reconciler.SpinAppReconcileTestSupport;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;

/**
 * Leader election as it runs in production (the {@code LeaderElection} bean, {@link LeaseLoss} wired in): a replica
 * that finds the Lease held by another is a ready standby that writes nothing, and takes over once the Lease is
 * free. At the end of the test the leader releases its Lease on shutdown; with JOSDK's default (exit on stop
 * leading) that calls System.exit(1) and kills this test JVM.
 */
@QuarkusTest
@TestProfile(LeaderElectionReadinessTest.LeaderElectionOn.class)
@WithKubernetesTestServer(crud = true, setup = LeaderElectionReadinessTest.LeaseHeldByAnotherReplica.class)
class LeaderElectionReadinessTest {
    static final String NS = "default";
    static final String LEASE = "spin-operator-lease";
    static final String READINESS = "checks.find { it.name == '" + LeadershipReadiness.NAME + "' }.data";
    static final String SDK_READINESS = "checks.find { it.name == 'Quarkus Operator SDK health check' }.data";

    public static class LeaderElectionOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.operator-sdk.activate-leader-election-for-profiles", "test",
                    "spin-operator.leader-election.lease-namespace", NS);
        }
    }

    /** Another replica holds the Lease for the next hour; RBAC allows this one to use Leases (JOSDK checks). */
    public static class LeaseHeldByAnotherReplica implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                            .withResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io")
                                    .withResources("leases").withVerbs("get", "create", "update").build())
                            .endStatus().build())
                    .always();
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            server.getClient().resource(new LeaseBuilder().withNewMetadata().withName(LEASE).withNamespace(NS).endMetadata()
                    .withNewSpec().withHolderIdentity("spin-operator-other-replica").withLeaseDurationSeconds(3600)
                    .withAcquireTime(now).withRenewTime(now.plusHours(1)).withLeaseTransitions(0).endSpec().build()).create();
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void standbyIsReadyButWritesNothingUntilItWinsTheLease() {
        client.resource(SpinAppReconcileTestSupport.shimExecutor("standby")).create();
        client.resource(SpinAppReconcileTestSupport.app("waiting", "standby")).create();

        await("a ready standby").atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("status", equalTo("UP")).body(SDK_READINESS + ".spinapp", equalTo("OK"))
                .body(READINESS + ".leaderElection", equalTo(true)).body(READINESS + ".leader", equalTo(false))
                .body(READINESS + ".lease", equalTo(NS + "/" + LEASE)));
        await("no writes from a standby").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> client.apps().deployments().inNamespace(NS).withName("waiting").get() == null);

        client.leases().inNamespace(NS).withName(LEASE).delete();

        await("the standby takes over").atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body(READINESS + ".leader", equalTo(true)));
        await("and reconciles").atMost(Duration.ofSeconds(20))
                .until(() -> client.apps().deployments().inNamespace(NS).withName("waiting").get() != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> List.of(client.leases().inNamespace(NS).withName(LEASE).get()
                .getSpec().getHolderIdentity()).stream().noneMatch("spin-operator-other-replica"::equals));
    }
}
