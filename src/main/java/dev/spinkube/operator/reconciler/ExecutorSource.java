package dev.spinkube.operator.reconciler;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.desired.ReferencedData;
import dev.spinkube.operator.spin.DataRef;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * SpinAppExecutors as seen by the SpinApp controller: an app is reconciled again when its executor
 * appears, changes or goes away.
 */
final class ExecutorSource {
    static final String NAME = "executors";
    static final String BY_EXECUTOR = "by-executor";

    final InformerEventSource<SpinAppExecutor, SpinApp> informer;

    ExecutorSource(EventSourceContext<SpinApp> context) {
        context.getPrimaryCache().addIndexer(BY_EXECUTOR, app -> app.getSpec().executor()
                .map(e -> List.of(app.getMetadata().getNamespace() + "/" + e)).orElse(List.of()));
        informer = new InformerEventSource<>(InformerEventSourceConfiguration.from(SpinAppExecutor.class, SpinApp.class)
                .withName(NAME)
                .withSecondaryToPrimaryMapper(executor -> appsOf(context, executor))
                .withPrimaryToSecondaryMapper((SpinApp app) -> id(app).map(Set::of).orElse(Set.of()))
                .build(), context);
    }

    Optional<SpinAppExecutor> of(SpinApp app) {
        return id(app).flatMap(informer::get);
    }

    private static Optional<ResourceID> id(SpinApp app) {
        return app.getSpec().executor().map(e -> new ResourceID(e, app.getMetadata().getNamespace()));
    }

    List<SpinAppExecutor> inNamespace(String namespace) {
        return informer.list(namespace).toList();
    }

    Set<ResourceID> appsOf(EventSourceContext<SpinApp> context, SpinAppExecutor executor) {
        return context.getPrimaryCache()
                .byIndex(BY_EXECUTOR, executor.getMetadata().getNamespace() + "/" + executor.getMetadata().getName())
                .stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /** The data an executor itself refers to (its env and CA bundle), shared by all its apps. */
    static Set<DataRef> references(SpinAppExecutor executor) {
        SpinApp none = new SpinApp();
        return ReferencedData.of(none, executor).all();
    }
}
