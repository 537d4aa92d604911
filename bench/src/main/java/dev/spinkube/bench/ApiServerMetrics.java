package dev.spinkube.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Writes as the API server counts them: {@code apiserver_request_total} of the write verbs, from every client but
 * the API server's own loopback client (which renews its identity Lease every 10 s).
 */
final class ApiServerMetrics {
    private static final Pattern LINE = Pattern.compile("^apiserver_request_total\\{(.*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final java.util.Set<String> WRITE_VERBS = java.util.Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE",
            "DELETECOLLECTION");

    private ApiServerMetrics() {
    }

    static long writes(KubernetesClient client) {
        return writesByResource(client).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Write counts keyed by {@code VERB resource[/subresource]}. */
    static Map<String, Long> writesByResource(KubernetesClient client) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : client.raw("/metrics").split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher l = LABEL.matcher(m.group(1));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            if (!WRITE_VERBS.contains(labels.get("verb")) || "kube-apiserver".equals(labels.get("system_client"))) {
                continue;
            }
            String sub = labels.getOrDefault("subresource", "");
            String key = labels.get("verb") + " " + labels.get("resource") + (sub.isEmpty() ? "" : "/" + sub);
            counts.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return counts;
    }
}
