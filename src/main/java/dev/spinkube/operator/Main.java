package dev.spinkube.operator;

import java.util.Arrays;

import dev.spinkube.operator.render.RenderCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One binary, two jobs: with {@code render ...} it renders manifests offline and exits before anything
 * connects to a cluster; otherwise it runs the operator. {@code --help} answers before either starts.
 */
@QuarkusMain
public class Main {
    static final String USAGE = """
            Spin Operator for Quarkus: runs Spin (WebAssembly) apps on Kubernetes.

            usage: java -jar quarkus-run.jar                           run the operator
                   java -jar quarkus-run.jar render [-n NAMESPACE] [--with-ca-bundle] FILE|DIR|-...
                                                                       print what the operator would apply, offline
                   java -jar quarkus-run.jar render --help             the render options
                   java -jar quarkus-run.jar --help                    this text

            The operator talks to the cluster of the current kubeconfig (KUBECONFIG, else ~/.kube/config) or, in a
            pod, to its own cluster with the pod's service account. It needs Kubernetes 1.29 or newer and the CRDs
            (target/kubernetes/*-v1.yml, deploy/01-crds.yaml or the Helm chart's crds/).

            Main settings, as -Dkey=value or as environment variables:
              quarkus.operator-sdk.namespaces        QUARKUS_OPERATOR_SDK_NAMESPACES        watched namespaces (all)
              spin-operator.leader-election.enabled  SPIN_OPERATOR_LEADER_ELECTION_ENABLED  Lease-based leader election (true)
              spin-operator.webhooks.enabled         SPIN_OPERATOR_WEBHOOKS_ENABLED         admission webhooks on 8443 (false)
              quarkus.log.console.json.enabled       QUARKUS_LOG_CONSOLE_JSON_ENABLED       JSON log lines (false)
              quarkus.http.port                      QUARKUS_HTTP_PORT                      health and metrics (8080)
            Every setting: README.md ("Configuration") and docs/operations.md.""";

    public static void main(String... args) {
        if (args.length > 0 && "render".equals(args[0])) {
            System.exit(RenderCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            System.out.println(USAGE);
            System.exit(0);
        }
        Quarkus.run(args);
    }
}
