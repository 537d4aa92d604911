package dev.spinkube.operator.desired;

import java.util.List;

import dev.spinkube.operator.api.v1alpha1.HealthProbe;
import dev.spinkube.operator.api.v1alpha1.HttpHealthProbeHeader;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

/** Maps a SpinApp health check to a Kubernetes HTTP probe on the app's port, with the schema's defaults. */
public final class SpinProbes {
    private SpinProbes() {
    }

    public static Probe of(HealthProbe check, int port) {
        if (check == null || check.httpGet() == null) {
            return null;
        }
        List<HTTPHeader> headers = check.httpGet().httpHeaders().stream()
                .map(SpinProbes::header).toList();
        return new ProbeBuilder()
                .withNewHttpGet().withPath(check.httpGet().path()).withPort(new IntOrString(port))
                .withHttpHeaders(headers.isEmpty() ? null : headers).endHttpGet()
                .withInitialDelaySeconds(check.initialDelaySeconds())
                .withTimeoutSeconds(check.timeoutSeconds())
                .withPeriodSeconds(check.periodSeconds())
                .withSuccessThreshold(check.successThreshold())
                .withFailureThreshold(check.failureThreshold())
                .build();
    }

    private static HTTPHeader header(HttpHealthProbeHeader h) {
        return new HTTPHeader(h.name(), h.value());
    }
}
