package dev.spinkube.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkiverse.operatorsdk.annotations.CSVMetadata;

/** SpinAppExecutor is the Schema for the spinappexecutors API */
@Group(SpinApp.GROUP)
@Version(SpinApp.VERSION)
// declared, not derived by the regex pluralizer on every instance (see SpinApp)
@Plural(SpinAppExecutor.PLURAL)
// the owned CRD's display name and description in the OLM bundle's ClusterServiceVersion
@CSVMetadata(displayName = "Spin App Executor", description = "How SpinApps run: the containerd Spin shim (a"
        + " RuntimeClass) or the Spin CLI in a container, with the options every app of that executor shares")
public class SpinAppExecutor extends CustomResource<SpinAppExecutorSpec, SpinAppExecutorStatus> implements Namespaced {
    public static final String PLURAL = "spinappexecutors";

    @Override
    protected SpinAppExecutorSpec initSpec() {
        return new SpinAppExecutorSpec();
    }
}
