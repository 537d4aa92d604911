package dev.spinkube.operator.reconciler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.desired.ReferencedData;
import dev.spinkube.operator.spin.DataRef;
import dev.spinkube.operator.spin.DataValues;
import dev.spinkube.operator.spin.ResolvedReferences;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * The Secrets and ConfigMaps SpinApps refer to: watched with values reduced to digests (see
 * {@link DigestStore}), mapped back to the apps that use them, and read for real only when a value must
 * be written into the runtime config.
 */
final class ReferencedDataSources {
    static final String SECRETS = "referenced-secrets";
    static final String CONFIG_MAPS = "referenced-configmaps";
    static final String BY_SECRET = "by-secret";
    static final String BY_CONFIG_MAP = "by-configmap";

    final InformerEventSource<Secret, SpinApp> secrets;
    final InformerEventSource<ConfigMap, SpinApp> configMaps;

    ReferencedDataSources(EventSourceContext<SpinApp> context, ExecutorSource executors) {
        var apps = context.getPrimaryCache();
        apps.addIndexer(BY_SECRET, app -> keys(app, DataRef.Kind.Secret));
        apps.addIndexer(BY_CONFIG_MAP, app -> keys(app, DataRef.Kind.ConfigMap));
        secrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, SpinApp.class)
                .withName(SECRETS)
                .withItemStore(DigestStore.secrets())
                .withSecondaryToPrimaryMapper(s -> users(context, executors, s, DataRef.Kind.Secret, BY_SECRET))
                .withPrimaryToSecondaryMapper((SpinApp app) -> Set.of())
                .build(), context);
        configMaps = new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigMap.class, SpinApp.class)
                .withName(CONFIG_MAPS)
                .withItemStore(DigestStore.configMaps())
                .withSecondaryToPrimaryMapper(c -> users(context, executors, c, DataRef.Kind.ConfigMap, BY_CONFIG_MAP))
                .withPrimaryToSecondaryMapper((SpinApp app) -> Set.of())
                .build(), context);
    }

    /** Digests of every needed key from the caches; values of the keys the runtime config embeds from the API. */
    ResolvedReferences resolve(KubernetesClient client, String namespace, ReferencedData needed) {
        Map<DataRef, String> digests = new HashMap<>();
        Map<DataRef, String> values = new HashMap<>();
        for (DataRef ref : needed.all()) {
            Optional<? extends HasMetadata> cached = ref.kind() == DataRef.Kind.Secret
                    ? secrets.get(new ResourceID(ref.name(), namespace))
                    : configMaps.get(new ResourceID(ref.name(), namespace));
            cached.map(o -> DataDigests.of(o).get(ref.key())).ifPresent(d -> digests.put(ref, d));
        }
        for (DataRef ref : needed.valuesNeeded()) {
            if (digests.containsKey(ref)) {
                read(client, namespace, ref).ifPresentOrElse(v -> values.put(ref, v), () -> digests.remove(ref));
            }
        }
        return new ResolvedReferences(digests, values);
    }

    private static Optional<String> read(KubernetesClient client, String namespace, DataRef ref) {
        if (ref.kind() == DataRef.Kind.Secret) {
            return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(ref.name()).get())
                    .flatMap(s -> DataValues.text(s, ref.key()));
        }
        return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(ref.name()).get())
                .flatMap(c -> DataValues.text(c, ref.key()));
    }

    /** Index keys ({@code namespace/name}) of the Secrets or ConfigMaps an app refers to itself. */
    private static List<String> keys(SpinApp app, DataRef.Kind kind) {
        return ReferencedData.of(app, null).all().stream().filter(r -> r.kind() == kind)
                .map(r -> app.getMetadata().getNamespace() + "/" + r.name()).distinct().toList();
    }

    /** The apps owning a Secret (their runtime config) or using it directly, or through their executor. */
    private static Set<ResourceID> users(EventSourceContext<SpinApp> context, ExecutorSource executors,
            HasMetadata data, DataRef.Kind kind, String index) {
        String ns = data.getMetadata().getNamespace();
        String name = data.getMetadata().getName();
        Set<ResourceID> ids = context.getPrimaryCache().byIndex(index, ns + "/" + name).stream()
                .map(ResourceID::fromResource).collect(Collectors.toCollection(HashSet::new));
        data.getMetadata().getOwnerReferences().stream()
                .filter(o -> HasMetadata.getKind(SpinApp.class).equals(o.getKind()))
                .forEach(o -> ids.add(new ResourceID(o.getName(), ns)));
        for (SpinAppExecutor executor : executors.inNamespace(ns)) {
            boolean uses = ExecutorSource.references(executor).stream()
                    .anyMatch(r -> r.kind() == kind && r.name().equals(name));
            if (uses) {
                ids.addAll(executors.appsOf(context, executor));
            }
        }
        return ids;
    }
}
