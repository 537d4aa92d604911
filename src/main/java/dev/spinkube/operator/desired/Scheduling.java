package dev.spinkube.operator.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;

/**
 * Where the app's pods may run: the executor's defaults (nodes that have the shim) with the app's own
 * values on top: nodeSelector merged key by key (app wins), tolerations added up, affinity replaced.
 */
public record Scheduling(Map<String, String> nodeSelector, List<Toleration> tolerations, Affinity affinity) {

    public static Scheduling of(SpinAppSpec app, ExecutorDeploymentConfig executor) {
        Map<String, String> nodeSelector = new LinkedHashMap<>(executor.nodeSelector());
        nodeSelector.putAll(app.nodeSelector());
        List<Toleration> tolerations = new ArrayList<>(executor.tolerations());
        for (Toleration t : app.tolerations()) {
            if (!tolerations.contains(t)) {
                tolerations.add(t);
            }
        }
        return new Scheduling(nodeSelector.isEmpty() ? null : nodeSelector, tolerations.isEmpty() ? null : tolerations,
                app.affinity() != null ? app.affinity() : executor.affinity());
    }
}
