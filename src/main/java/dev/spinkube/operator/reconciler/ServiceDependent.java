package dev.spinkube.operator.reconciler;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.spin.AppLabels;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The app's Service, for every executor. */
@KubernetesDependent(informer = @Informer(labelSelector = AppLabels.APP_NAME))
public class ServiceDependent extends CRUDKubernetesDependentResource<Service, SpinApp> {

    public ServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(SpinApp app, Context<SpinApp> context) {
        Service s = DesiredObjectsInContext.get(context).service();
        Annotations.ensure(s.getMetadata());
        DesiredMatch.stamp(s, context.getClient().getKubernetesSerialization());
        return s;
    }

    /** Compared without managedFields (the cache has none): see {@link DesiredMatch}. */
    @Override
    public Result<Service> match(Service actual, Service desired, SpinApp app, Context<SpinApp> context) {
        addMetadata(true, actual, desired, app, context);
        var serialization = context.getClient().getKubernetesSerialization();
        return Result.computed(DesiredMatch.matches(actual, desired, serialization), desired);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(SpinApp app, Context<SpinApp> context) {
        return ResourceID.fromResource(app);
    }
}
