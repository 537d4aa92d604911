package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** OtelConfig is the supported environment variables for OpenTelemetry */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OtelConfig {
    @JsonProperty("exporter_otlp_endpoint")
    @JsonPropertyDescription("ExporterOtlpEndpoint configures the default combined otlp endpoint for sending telemetry")
    public String exporterOtlpEndpoint;

    @JsonProperty("exporter_otlp_traces_endpoint")
    @JsonPropertyDescription("ExporterOtlpTracesEndpoint configures the trace-specific otlp endpoint")
    public String exporterOtlpTracesEndpoint;

    @JsonProperty("exporter_otlp_metrics_endpoint")
    @JsonPropertyDescription("ExporterOtlpMetricsEndpoint configures the metrics-specific otlp endpoint")
    public String exporterOtlpMetricsEndpoint;

    @JsonProperty("exporter_otlp_logs_endpoint")
    @JsonPropertyDescription("ExporterOtlpLogsEndpoint configures the logs-specific otlp endpoint")
    public String exporterOtlpLogsEndpoint;
}
