package dev.spinkube.operator.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;
import dev.spinkube.operator.spin.AppLabels;
import dev.spinkube.operator.spin.ListenAddress;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** The Deployment that runs a SpinApp's pods. */
public final class DesiredDeployment {
    /** Pod-template annotation holding a hash of every referenced Secret/ConfigMap key: a change rolls the pods. */
    public static final String REFERENCED_DATA_HASH = "core.spinkube.dev/referenced-data-hash";
    public static final String DEFAULT_SERVICE_ACCOUNT = "default";

    private DesiredDeployment() {
    }

    /**
     * @param runtimeConfigSecret name of the Secret mounted at /runtime-config.toml, or null
     * @param caSecret name of the Secret with the CA bundle, or null
     * @param referencedDataHash hash of the referenced data, or null when the app refers to none
     */
    public static Deployment of(SpinApp app, ExecutorDeploymentConfig config, String runtimeConfigSecret,
            String caSecret, String referencedDataHash) {
        SpinAppSpec spec = app.getSpec();
        String name = app.getMetadata().getName();
        List<EnvVar> env = SpinContainerEnv.of(app, config);
        ListenAddress listen = ListenAddress.of(env);
        PodVolumes volumes = PodVolumes.of(spec, runtimeConfigSecret, caSecret);
        Container spin = SpinContainer.of(app, config, env, listen, volumes.mounts());
        Scheduling scheduling = Scheduling.of(spec, config);

        Map<String, String> podLabels = new LinkedHashMap<>(spec.podLabels());
        podLabels.putAll(AppLabels.selector(name));
        Map<String, String> podAnnotations = new LinkedHashMap<>(spec.podAnnotations());
        if (referencedDataHash != null) {
            podAnnotations.put(REFERENCED_DATA_HASH, referencedDataHash);
        }
        boolean shim = !SpinContainer.isSpintainer(config);

        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(app.getMetadata().getNamespace())
                .withLabels(AppLabels.ofApp(name)).withAnnotations(emptyToNull(spec.deploymentAnnotations()))
                .endMetadata()
                .withNewSpec()
                .withReplicas(spec.enableAutoscaling() ? null : replicas(spec))
                .withNewSelector().withMatchLabels(AppLabels.selector(name)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(podLabels).withAnnotations(emptyToNull(podAnnotations)).endMetadata()
                .withNewSpec()
                .withRuntimeClassName(shim ? config.runtimeClassName().orElse(null) : null)
                .withServiceAccountName(spec.serviceAccountName() == null || spec.serviceAccountName().isEmpty()
                        ? DEFAULT_SERVICE_ACCOUNT : spec.serviceAccountName())
                .withNodeSelector(scheduling.nodeSelector())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        // The objects built elsewhere go in as they are: a builder's with...() would copy each of them, deeply,
        // into nested builders and build them again (the largest part of what computing the desired state allocated).
        deployment.getMetadata().setOwnerReferences(mutable(Owners.controlledBy(app)));
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        pod.setInitContainers(mutable(InitContainers.of(spec.initContainers(), spin)));
        pod.setContainers(mutable(List.of(spin)));
        pod.setImagePullSecrets(mutable(spec.imagePullSecrets()));
        pod.setVolumes(volumes.volumes().isEmpty() ? null : mutable(volumes.volumes()));
        pod.setTolerations(mutable(scheduling.tolerations()));
        pod.setAffinity(scheduling.affinity());
        return deployment;
    }

    /** A list as a builder leaves it: null stays null, anything else a list of its own. */
    static <T> List<T> mutable(List<T> list) {
        return list == null ? null : new ArrayList<>(list);
    }

    /** Upstream's schema default is 1 replica; an unset field (offline render) means the same. */
    static int replicas(SpinAppSpec spec) {
        return spec.replicas() == null ? 1 : spec.replicas();
    }

    private static Map<String, String> emptyToNull(Map<String, String> map) {
        return map.isEmpty() ? null : map;
    }
}
