package dev.spinkube.operator.api;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;

/**
 * Writes the generated CRDs as the API server stores them. The generator gives every printer column a
 * {@code priority}, also the default 0, which the API server drops; the stored CRD then never equals the file, and
 * server-side apply of the file (the documented CRD upgrade) conflicts on {@code .spec.versions} with whoever
 * created it (Helm, kubectl's client-side apply). Run by the build ({@code quarkus.operator-sdk.crd.post-processor}),
 * never at run time.
 */
public class DefaultColumnPriorityDropped implements CRDPostProcessor {

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition v1) {
            v1.getSpec().getVersions().forEach(version -> version.getAdditionalPrinterColumns().stream()
                    .filter(column -> Integer.valueOf(0).equals(column.getPriority()))
                    .forEach(column -> column.setPriority(null)));
        }
        return crd;
    }
}
