package dev.spinkube.operator.desired;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.spin.AppLabels;
import dev.spinkube.operator.spin.Ports;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** The ClusterIP Service in front of a SpinApp: port 80 to the pods' {@code http-app} port. */
public final class DesiredService {
    private DesiredService() {
    }

    public static Service of(SpinApp app) {
        String name = app.getMetadata().getName();
        var annotations = app.getSpec().serviceAnnotations();
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(app.getMetadata().getNamespace())
                .withLabels(AppLabels.ofApp(name))
                .withAnnotations(annotations.isEmpty() ? null : annotations)
                .withOwnerReferences(Owners.controlledBy(app)).endMetadata()
                .withNewSpec().withType("ClusterIP")
                .addNewPort().withName(Ports.HTTP_NAME).withProtocol("TCP").withPort(Ports.SERVICE)
                .withTargetPort(new IntOrString(Ports.HTTP_NAME)).endPort()
                .withSelector(AppLabels.serviceSelector(name))
                .endSpec().build();
    }
}
