package dev.spinkube.operator.spin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The labels the operator puts on what it creates for a SpinApp, and selects the pods by. */
public final class AppLabels {
    public static final String APP_NAME = "core.spinkube.dev/app-name";

    private AppLabels() {
    }

    /** {@code core.spinkube.dev/app.<name>.status}: pods carrying it with value "ready" receive traffic. */
    public static String statusKey(String appName) {
        return "core.spinkube.dev/app." + appName + ".status";
    }

    public static Map<String, String> ofApp(String appName) {
        return Map.of(APP_NAME, appName);
    }

    /** The Deployment's selector: the app-name label and the ready status label. */
    public static Map<String, String> selector(String appName) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP_NAME, appName);
        labels.put(statusKey(appName), "ready");
        return labels;
    }

    /** The Service's selector: only the status label, so a pod leaves the Service when it is relabelled. */
    public static Map<String, String> serviceSelector(String appName) {
        return Map.of(statusKey(appName), "ready");
    }

    /** Label-selector string form ({@code k=v,k=v}, sorted) as the scale subresource expects it. */
    public static String selectorString(Map<String, String> labels) {
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
