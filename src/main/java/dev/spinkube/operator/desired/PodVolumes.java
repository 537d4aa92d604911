package dev.spinkube.operator.desired;

import java.util.ArrayList;
import java.util.List;

import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;
import dev.spinkube.operator.spin.MountedFiles;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * Volumes of the app's pod and mounts of the Spin container: the runtime config (generated or the
 * user's {@code loadFromSecret}) first, then the app's own, then the CA bundle.
 */
public record PodVolumes(List<Volume> volumes, List<VolumeMount> mounts) {
    /**
     * @param runtimeConfigSecret the Secret holding runtime-config.toml, or null for none
     * @param caSecret the Secret holding the CA bundle, or null for none
     */
    public static PodVolumes of(SpinAppSpec spec, String runtimeConfigSecret, String caSecret) {
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        if (runtimeConfigSecret != null) {
            volumes.add(secretVolume(MountedFiles.RUNTIME_CONFIG_VOLUME, runtimeConfigSecret,
                    MountedFiles.RUNTIME_CONFIG_KEY));
            mounts.add(subPathMount(MountedFiles.RUNTIME_CONFIG_VOLUME, MountedFiles.RUNTIME_CONFIG_PATH,
                    MountedFiles.RUNTIME_CONFIG_KEY));
        }
        volumes.addAll(spec.volumes());
        mounts.addAll(spec.volumeMounts());
        if (caSecret != null) {
            volumes.add(secretVolume(MountedFiles.CA_VOLUME, caSecret, MountedFiles.CA_KEY));
            mounts.add(subPathMount(MountedFiles.CA_VOLUME, MountedFiles.CA_PATH, MountedFiles.CA_KEY));
        }
        return new PodVolumes(volumes, mounts);
    }

    private static Volume secretVolume(String name, String secretName, String key) {
        return new VolumeBuilder().withName(name).withNewSecret().withSecretName(secretName).withOptional(true)
                .addNewItem().withKey(key).withPath(key).endItem().endSecret().build();
    }

    private static VolumeMount subPathMount(String name, String path, String key) {
        return new VolumeMountBuilder().withName(name).withReadOnly(true).withMountPath(path).withSubPath(key).build();
    }
}
