package dev.spinkube.operator;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Leader election with a Lease, so several replicas can run and only one writes. On by default in the
 * prod profile (QOSDK activates it there); {@code spin-operator.leader-election.lease-namespace} defaults
 * to the namespace the operator runs in.
 */
@ApplicationScoped
public class LeaderElection {

    @ConfigProperty(name = "spin-operator.leader-election.lease-name", defaultValue = "spin-operator-lease")
    String leaseName;

    @ConfigProperty(name = "spin-operator.leader-election.lease-namespace")
    Optional<String> leaseNamespace;

    @Produces
    @DefaultBean
    @ApplicationScoped
    LeaderElectionConfiguration leaderElection() {
        return leaseNamespace.filter(ns -> !ns.isBlank())
                .map(ns -> new LeaderElectionConfiguration(leaseName, ns))
                .orElseGet(() -> new LeaderElectionConfiguration(leaseName));
    }
}
