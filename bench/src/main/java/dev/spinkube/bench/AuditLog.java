package dev.spinkube.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes as the API server records them in its audit log (bench/audit-policy.yaml: one JSON line per create, update,
 * patch and delete, at the end of the request), from every client but the API server itself. Its
 * {@code apiserver_request_total} cannot tell them apart since the {@code system_client} label is gone: on
 * Kubernetes 1.37 it also counts the API server's own writes (an IPAddress per Service, its identity Lease every
 * 10 s, its flow-control status), about one more per app and 12 a minute at idle.
 * <p>
 * The log is read incrementally: each call reads only the lines added since the last one.
 */
final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Map<String, Long> counts = new TreeMap<>();
    private long offset;
    private long total;

    AuditLog(Path file) {
        this.file = file;
    }

    synchronized long writes() throws IOException {
        refresh();
        return total;
    }

    /** Counts by {@code user VERB resource[/subresource]}, the API server's own writes left out. */
    synchronized Map<String, Long> writesByUserAndResource() throws IOException {
        refresh();
        return new TreeMap<>(counts);
    }

    private void refresh() throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() <= offset) {
                return;
            }
            byte[] bytes = new byte[(int) (in.length() - offset)];
            in.seek(offset);
            in.readFully(bytes);
            int end = lastNewline(bytes);
            if (end < 0) {
                return; // a line still being written
            }
            offset += end + 1;
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                count(JSON.readTree(line));
            }
        }
    }

    private void count(JsonNode event) {
        String user = event.path("user").path("username").asText();
        if (user.equals("system:apiserver")) {
            return;
        }
        JsonNode ref = event.path("objectRef");
        String sub = ref.path("subresource").asText("");
        String key = shortUser(user) + " " + event.path("verb").asText() + " " + ref.path("resource").asText()
                + (sub.isEmpty() ? "" : "/" + sub);
        counts.merge(key, 1L, Long::sum);
        total++;
    }

    private static String shortUser(String user) {
        return user.startsWith("system:serviceaccount:") ? "operator" : user.equals("admin") ? "bench" : user;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
