package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.sundr.builder.annotations.Buildable;

/** OtelConfig is the supported environment variables for OpenTelemetry */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class OtelConfig {
    @JsonProperty("exporter_otlp_endpoint")
    @JsonPropertyDescription("ExporterOtlpEndpoint configures the default combined otlp endpoint for sending telemetry")
    String exporterOtlpEndpoint;

    @JsonProperty("exporter_otlp_traces_endpoint")
    @JsonPropertyDescription("ExporterOtlpTracesEndpoint configures the trace-specific otlp endpoint")
    String exporterOtlpTracesEndpoint;

    @JsonProperty("exporter_otlp_metrics_endpoint")
    @JsonPropertyDescription("ExporterOtlpMetricsEndpoint configures the metrics-specific otlp endpoint")
    String exporterOtlpMetricsEndpoint;

    @JsonProperty("exporter_otlp_logs_endpoint")
    @JsonPropertyDescription("ExporterOtlpLogsEndpoint configures the logs-specific otlp endpoint")
    String exporterOtlpLogsEndpoint;

    public String exporterOtlpEndpoint() {
        return exporterOtlpEndpoint;
    }

    public String exporterOtlpTracesEndpoint() {
        return exporterOtlpTracesEndpoint;
    }

    public String exporterOtlpMetricsEndpoint() {
        return exporterOtlpMetricsEndpoint;
    }

    public String exporterOtlpLogsEndpoint() {
        return exporterOtlpLogsEndpoint;
    }

    // ---- writes (see package-info) ----

    public void setExporterOtlpEndpoint(String exporterOtlpEndpoint) {
        this.exporterOtlpEndpoint = exporterOtlpEndpoint;
    }

    public void setExporterOtlpTracesEndpoint(String exporterOtlpTracesEndpoint) {
        this.exporterOtlpTracesEndpoint = exporterOtlpTracesEndpoint;
    }

    public void setExporterOtlpMetricsEndpoint(String exporterOtlpMetricsEndpoint) {
        this.exporterOtlpMetricsEndpoint = exporterOtlpMetricsEndpoint;
    }

    public void setExporterOtlpLogsEndpoint(String exporterOtlpLogsEndpoint) {
        this.exporterOtlpLogsEndpoint = exporterOtlpLogsEndpoint;
    }

    // ---- what the generated builders copy: the fields as they are ----

    String getExporterOtlpEndpoint() {
        return exporterOtlpEndpoint;
    }

    String getExporterOtlpTracesEndpoint() {
        return exporterOtlpTracesEndpoint;
    }

    String getExporterOtlpMetricsEndpoint() {
        return exporterOtlpMetricsEndpoint;
    }

    String getExporterOtlpLogsEndpoint() {
        return exporterOtlpLogsEndpoint;
    }
}
