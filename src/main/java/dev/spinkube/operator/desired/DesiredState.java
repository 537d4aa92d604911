package dev.spinkube.operator.desired;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Adler32;

import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;
import dev.spinkube.operator.runtimeconfig.RuntimeConfigToml;
import dev.spinkube.operator.spin.AppLabels;
import dev.spinkube.operator.spin.MountedFiles;
import dev.spinkube.operator.spin.ResolvedReferences;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * The pure core: a SpinApp, its executor and the data they reference in, the objects the operator
 * wants out. No client calls; the reconciler and the offline renderer both call this.
 */
public final class DesiredState {
    public static final String DEFAULT_CA_SECRET = "spin-ca";

    private DesiredState() {
    }

    public static DesiredObjects of(SpinApp app, SpinAppExecutor executor, ResolvedReferences refs) {
        SpinAppSpec spec = app.getSpec();
        if (!executor.getSpec().createDeployment()) {
            return new DesiredObjects(null, null, null, DesiredService.of(app));
        }
        ExecutorDeploymentConfig config = executor.getSpec().deploymentConfig();
        Optional<String> usersRuntimeConfig = spec.runtimeConfig().loadFromSecret();
        Secret runtimeConfig = usersRuntimeConfig.isEmpty() ? runtimeConfigSecret(app, refs) : null;
        String runtimeConfigName = usersRuntimeConfig.orElseGet(() -> runtimeConfig.getMetadata().getName());
        String caName = caSecretName(config).orElse(null);
        Secret caBundle = config.installDefaultCACerts() ? CaBundle.secret(caName, app.getMetadata().getNamespace())
                : null;
        String hash = ReferencedData.of(app, executor).hash(refs);
        return new DesiredObjects(runtimeConfig, caBundle,
                DesiredDeployment.of(app, config, runtimeConfigName, caName, hash), DesiredService.of(app));
    }

    /** The Secret with the CA bundle mounted into the pods: {@code caCertSecret}, else {@code spin-ca} if installed. */
    static Optional<String> caSecretName(ExecutorDeploymentConfig config) {
        return config.caCertSecret()
                .or(() -> config.installDefaultCACerts() ? Optional.of(DEFAULT_CA_SECRET) : Optional.empty());
    }

    /**
     * The generated runtime config, named {@code <app>-<adler32 of its content>} as upstream does: a new
     * content is a new Secret, so the pods roll and the previous Secret can be deleted once unused.
     */
    static Secret runtimeConfigSecret(SpinApp app, ResolvedReferences refs) {
        byte[] toml = RuntimeConfigToml.render(app.getSpec().runtimeConfig(), refs).getBytes(StandardCharsets.UTF_8);
        Adler32 checksum = new Adler32();
        checksum.update(toml);
        String name = app.getMetadata().getName() + "-" + Long.toHexString(checksum.getValue());
        return new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(app.getMetadata().getNamespace())
                .withLabels(AppLabels.ofApp(app.getMetadata().getName()))
                .withOwnerReferences(Owners.controlledBy(app)).endMetadata()
                .withData(Map.of(MountedFiles.RUNTIME_CONFIG_KEY, Base64.getEncoder().encodeToString(toml)))
                .build();
    }
}
