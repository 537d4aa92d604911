package dev.spinkube.operator.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.testing.Cluster;
import dev.spinkube.operator.testing.Fixture;
import dev.spinkube.operator.testing.OperatorInstall;
import dev.spinkube.operator.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Leader election as it runs in production (the {@code LeaderElection} bean, {@link LeaseLoss} wired in): a replica
 * that finds the Lease held by another is a ready standby that writes nothing, and takes over once the Lease is
 * free. At the end of the test the leader releases its Lease on shutdown; with JOSDK's default (exit on stop
 * leading) that calls System.exit(1) and kills this test JVM.
 */
@QuarkusTest
@TestProfile(LeaderElectionReadinessTest.LeaderElectionOn.class)
class LeaderElectionReadinessTest {
    static final String NS = OperatorInstall.NAMESPACE;
    static final String LEASE = "spin-operator-lease";
    static final String READINESS = "checks.find { it.name == '" + LeadershipReadiness.NAME + "' }.data";
    static final String SDK_READINESS = "checks.find { it.name == 'Quarkus Operator SDK health check' }.data";

    public static class LeaderElectionOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.operator-sdk.activate-leader-election-for-profiles", "test",
                    "spin-operator.leader-election.lease-namespace", NS);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LeaseHeldByAnotherReplica.class));
        }
    }

    /**
     * Another replica holds the Lease for the next hour when this one starts. fabric8 judges a Lease expired by its own
     * lease duration (15 s) after renewTime, not by the Lease's leaseDurationSeconds, and nobody renews this one: a
     * renewTime an hour ahead keeps it held however slowly this test runs, until the test deletes it.
     */
    public static class LeaseHeldByAnotherReplica extends RealApiServer {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = super.start();
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            Cluster.admin().resource(new LeaseBuilder().withNewMetadata().withName(LEASE).withNamespace(NS).endMetadata()
                    .withNewSpec().withHolderIdentity("spin-operator-other-replica").withLeaseDurationSeconds(3600)
                    .withAcquireTime(now).withRenewTime(now.plusHours(1)).withLeaseTransitions(0).endSpec().build())
                    .forceConflicts().serverSideApply();
            return config;
        }
    }

    final KubernetesClient client = Cluster.admin();

    @Test
    void standbyIsReadyButWritesNothingUntilItWinsTheLease() {
        String ns = Cluster.newNamespace("standby");
        Cluster.create(Fixture.executor(ns, "standby"));
        Cluster.create(Fixture.app(ns, "waiting", "standby"));

        await("a ready standby").atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("status", equalTo("UP")).body(SDK_READINESS + ".spinapp", equalTo("OK"))
                .body(READINESS + ".leaderElection", equalTo(true)).body(READINESS + ".leader", equalTo(false))
                .body(READINESS + ".lease", equalTo(NS + "/" + LEASE)));
        await("no writes from a standby").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> client.apps().deployments().inNamespace(ns).withName("waiting").get() == null);

        client.leases().inNamespace(NS).withName(LEASE).delete();

        await("the standby takes over").atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body(READINESS + ".leader", equalTo(true)));
        await("and reconciles").atMost(Duration.ofSeconds(20))
                .until(() -> client.apps().deployments().inNamespace(ns).withName("waiting").get() != null);
        await("the Lease names this replica").atMost(Duration.ofSeconds(10)).until(() -> client.leases().inNamespace(NS)
                .withName(LEASE).get(), lease -> lease != null
                        && !"spin-operator-other-replica".equals(lease.getSpec().getHolderIdentity()));
    }
}
