package dev.spinkube.operator.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.spinkube.operator.config.OperatorConfig;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Leader election with a Lease, so several replicas can run and only one writes. On by default in the
 * prod profile (QOSDK activates it there), off with {@code spin-operator.leader-election.enabled=false};
 * {@code spin-operator.leader-election.lease-namespace} defaults to the namespace the operator runs in. Outside a
 * cluster (a developer's {@code java -jar} with a kubeconfig) there is no such namespace: leader election is off
 * unless a lease namespace is set, which lets a local process stand by behind the in-cluster replicas.
 */
@ApplicationScoped
public class LeaderElection {
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    static final Path IN_CLUSTER_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    @Inject
    OperatorConfig config;

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
        OperatorConfig.LeaderElection settings = config.leaderElection();
        if (!settings.enabled()) {
            return null;
        }
        Optional<String> namespace = settings.leaseNamespace().filter(ns -> !ns.isBlank())
                .or(LeaderElection::inClusterNamespace);
        if (namespace.isEmpty()) {
            LOG.info("Leader election is off: not running in a cluster and no lease namespace set "
                    + "(spin-operator.leader-election.lease-namespace); this process reconciles on its own");
            return null;
        }
        return new LeaderElectionConfiguration(settings.leaseName(), namespace.get(),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null, leaseLoss.callbacks(), false);
    }

    private static Optional<String> inClusterNamespace() {
        try {
            return Files.isReadable(IN_CLUSTER_NAMESPACE) ? Optional.of(Files.readString(IN_CLUSTER_NAMESPACE).trim())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
