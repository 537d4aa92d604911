package dev.spinkube.operator.desired;

import java.util.ArrayList;
import java.util.List;

import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;
import dev.spinkube.operator.spin.ListenAddress;
import dev.spinkube.operator.spin.MountedFiles;
import dev.spinkube.operator.spin.Ports;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * The container that runs the Spin app. Shim executor: the app image with {@code command: ["/"]}, run by
 * the runtime class. Spintainer executor: the Spin CLI image running {@code spin up} on the app image.
 */
public final class SpinContainer {
    private SpinContainer() {
    }

    public static Container of(SpinApp app, ExecutorDeploymentConfig config, List<EnvVar> env, ListenAddress listen,
            List<VolumeMount> mounts) {
        SpinAppSpec spec = app.getSpec();
        ContainerBuilder b = new ContainerBuilder().withName(app.getMetadata().getName());
        if (isSpintainer(config)) {
            b.withImage(config.spinImage().orElse(null)).withArgs(spintainerArgs(spec, listen));
        } else {
            b.withImage(spec.image()).withCommand("/");
        }
        Container spin = b.withImagePullPolicy(spec.imagePullPolicy())
                .addNewPort().withName(Ports.HTTP_NAME).withContainerPort(listen.port()).endPort()
                .withResources(new ResourceRequirementsBuilder()
                        .withLimits(spec.resources() == null ? null : spec.resources().limits())
                        .withRequests(spec.resources() == null ? null : spec.resources().requests()).build())
                .build();
        // set on the built container: the builder would copy each of them (see DesiredDeployment)
        spin.setEnv(DesiredDeployment.mutable(env));
        spin.setVolumeMounts(mounts.isEmpty() ? null : DesiredDeployment.mutable(mounts));
        if (spec.checks() != null) {
            spin.setLivenessProbe(SpinProbes.of(spec.checks().liveness(), listen.port()));
            spin.setReadinessProbe(SpinProbes.of(spec.checks().readiness(), listen.port()));
        }
        return spin;
    }

    /** The executor runs the Spin CLI image in a plain container, instead of the shim with a runtime class. */
    public static boolean isSpintainer(ExecutorDeploymentConfig config) {
        return config.spinImage().isPresent();
    }

    private static List<String> spintainerArgs(SpinAppSpec spec, ListenAddress listen) {
        List<String> args = new ArrayList<>(List.of("up", "--listen", "0.0.0.0:" + listen.port(), "-f", spec.image(),
                "--runtime-config-file", MountedFiles.RUNTIME_CONFIG_PATH));
        for (String component : spec.components()) {
            args.add("--component-id");
            args.add(component);
        }
        return args;
    }
}
