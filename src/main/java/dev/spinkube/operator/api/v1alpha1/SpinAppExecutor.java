package dev.spinkube.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/** SpinAppExecutor is the Schema for the spinappexecutors API */
@Group(SpinApp.GROUP)
@Version(SpinApp.VERSION)
public class SpinAppExecutor extends CustomResource<SpinAppExecutorSpec, SpinAppExecutorStatus> implements Namespaced {

    @Override
    protected SpinAppExecutorSpec initSpec() {
        return new SpinAppExecutorSpec();
    }
}
