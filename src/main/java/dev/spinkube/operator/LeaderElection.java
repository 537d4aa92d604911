package dev.spinkube.operator;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.spinkube.operator.ops.LeaseLoss;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Leader election with a Lease, so several replicas can run and only one writes. On by default in the
 * prod profile (QOSDK activates it there), off with {@code spin-operator.leader-election.enabled=false};
 * {@code spin-operator.leader-election.lease-namespace} defaults to the namespace the operator runs in.
 */
@ApplicationScoped
public class LeaderElection {

    @ConfigProperty(name = "spin-operator.leader-election.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "spin-operator.leader-election.lease-name", defaultValue = "spin-operator-lease")
    String leaseName;

    @ConfigProperty(name = "spin-operator.leader-election.lease-namespace")
    Optional<String> leaseNamespace;

    @Inject
    LeaseLoss leaseLoss;

    /**
     * Null (no leader election) when switched off at run time; the profiles that may use it are fixed at build.
     * JOSDK's timings (15 s lease, 10 s renew deadline, 2 s retry); {@link LeaseLoss} decides what stopping to
     * lead means, instead of JOSDK's System.exit on every stop, shutdown included.
     */
    @Produces
    @DefaultBean
    @Dependent
    LeaderElectionConfiguration leaderElection() {
        if (!enabled) {
            return null;
        }
        return new LeaderElectionConfiguration(leaseName, leaseNamespace.filter(ns -> !ns.isBlank()).orElse(null),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE, LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null, leaseLoss.callbacks(), false);
    }
}
