package dev.spinkube.operator.ops;

import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Says in /q/health/ready whether this replica leads. Always UP: a standby has its informers running and
 * synced (QOSDK's own check says so) and only waits for the Lease, so it is ready to take over. Leadership is
 * read from the controllers themselves, not from the Lease: JOSDK starts event processing on winning the
 * Lease, so the probe makes no API call.
 */
@Readiness
@ApplicationScoped
public class LeadershipReadiness implements HealthCheck {
    static final String NAME = "Spin operator leadership";

    @Inject
    Operator operator;

    @Override
    public HealthCheckResponse call() {
        Optional<LeaderElectionConfiguration> election = operator.getConfigurationService()
                .getLeaderElectionConfiguration();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up()
                .withData("leaderElection", election.isPresent())
                .withData("leader", processingEvents());
        election.ifPresent(e -> response.withData("lease", e.getLeaseNamespace()
                .orElseGet(() -> operator.getKubernetesClient().getConfiguration().getNamespace())
                + "/" + e.getLeaseName()));
        return response.build();
    }

    boolean processingEvents() {
        return OperatorInternals.processingEvents(operator);
    }
}
