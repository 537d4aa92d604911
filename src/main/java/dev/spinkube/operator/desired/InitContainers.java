package dev.spinkube.operator.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.spinkube.operator.spin.NativeSidecar;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * The app's {@code initContainers} as they go into the pod (SKIP 000). Each entry keeps its own env and
 * mounts and gets the Spin container's appended (its own win on the same env name or mount path). A
 * native sidecar ({@code restartPolicy: Always}) without resources or probes gets the Spin container's;
 * a classic init container never gets probes, which Kubernetes rejects there.
 */
public final class InitContainers {
    private InitContainers() {
    }

    public static List<Container> of(List<Container> declared, Container spin) {
        List<Container> result = new ArrayList<>();
        for (Container c : declared) {
            ContainerBuilder b = new ContainerBuilder(c)
                    .withEnv(inheritEnv(c.getEnv(), spin.getEnv()))
                    .withVolumeMounts(inheritMounts(c.getVolumeMounts(), spin.getVolumeMounts()));
            if (NativeSidecar.is(c)) {
                if (c.getResources() == null || isEmpty(c.getResources())) {
                    b.withResources(spin.getResources());
                }
                if (c.getLivenessProbe() == null) {
                    b.withLivenessProbe(spin.getLivenessProbe());
                }
                if (c.getReadinessProbe() == null) {
                    b.withReadinessProbe(spin.getReadinessProbe());
                }
            }
            result.add(b.build());
        }
        return result;
    }

    private static boolean isEmpty(ResourceRequirements r) {
        return (r.getLimits() == null || r.getLimits().isEmpty())
                && (r.getRequests() == null || r.getRequests().isEmpty());
    }

    private static List<EnvVar> inheritEnv(List<EnvVar> own, List<EnvVar> inherited) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        orEmpty(own).forEach(e -> env.put(e.getName(), e));
        orEmpty(inherited).forEach(e -> env.putIfAbsent(e.getName(), e));
        return env.isEmpty() ? null : new ArrayList<>(env.values());
    }

    private static List<VolumeMount> inheritMounts(List<VolumeMount> own, List<VolumeMount> inherited) {
        List<VolumeMount> mounts = new ArrayList<>(orEmpty(own));
        Set<String> paths = new LinkedHashSet<>();
        mounts.forEach(m -> paths.add(m.getMountPath()));
        for (VolumeMount m : orEmpty(inherited)) {
            if (paths.add(m.getMountPath())) {
                mounts.add(m);
            }
        }
        return mounts.isEmpty() ? null : mounts;
    }

    /** A container as read from YAML has null for the lists it does not set. */
    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
