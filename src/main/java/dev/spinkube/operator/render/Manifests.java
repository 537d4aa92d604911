package dev.spinkube.operator.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * Kubernetes manifests on disk: reads the kinds the operator cares about from YAML files (several
 * documents per file), and writes objects back as YAML. Other kinds are kept aside, not an error.
 */
public final class Manifests {
    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().stringQuotingChecker(new Yaml11Quoting()).build()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * Plain scalars where they stay strings, quotes where a YAML 1.1 reader (kubectl's) would see something else:
     * 8080, 1e3, 0x1F, yes, on, ~, 2026-11-24, 12:30 (sexagesimal). Without it "8080" in an env value is printed
     * as 8080 and kubectl fails with "cannot unmarshal number into ... of type string".
     */
    static final class Yaml11Quoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final Resolver YAML_1_1 = new Resolver();

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || notAPlainString(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || notAPlainString(value);
        }

        private static boolean notAPlainString(String scalar) {
            return !Tag.STR.equals(YAML_1_1.resolve(NodeId.scalar, scalar, true));
        }
    }

    public final List<SpinApp> apps = new ArrayList<>();
    public final List<SpinAppExecutor> executors = new ArrayList<>();
    public final List<Secret> secrets = new ArrayList<>();
    public final List<ConfigMap> configMaps = new ArrayList<>();
    public final List<String> ignored = new ArrayList<>();

    /** Reads every *.yaml / *.yml file under the given files or directories, in path order. */
    public static Manifests read(List<Path> paths) throws IOException {
        Manifests m = new Manifests();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IOException(p + ": no such file or directory");
            }
            try (Stream<Path> files = Files.walk(p)) {
                for (Path f : files.filter(Files::isRegularFile).filter(Manifests::isYaml)
                        .sorted(Comparator.comparing(Path::toString)).toList()) {
                    m.readFile(f);
                }
            }
        }
        return m;
    }

    public static Manifests parse(String yaml, String origin) {
        Manifests m = new Manifests();
        try {
            m.readDocuments(yaml, origin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    private void readFile(Path f) throws IOException {
        readDocuments(Files.readString(f), f.toString());
    }

    private void readDocuments(String yaml, String origin) throws IOException {
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(yaml)) {
            var docs = YAML.readValues(parser, JsonNode.class);
            int index = 0;
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                index++;
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                add(doc, origin + " (document " + index + ")");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(origin + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private void add(JsonNode doc, String origin) throws IOException {
        String kind = doc.path("kind").asText("");
        String apiVersion = doc.path("apiVersion").asText("");
        try {
            switch (kind) {
                case "SpinApp" -> apps.add(convert(doc, SpinApp.class, apiVersion, origin));
                case "SpinAppExecutor" -> executors.add(convert(doc, SpinAppExecutor.class, apiVersion, origin));
                case "Secret" -> secrets.add(YAML.treeToValue(doc, Secret.class));
                case "ConfigMap" -> configMaps.add(YAML.treeToValue(doc, ConfigMap.class));
                default -> ignored.add(kind + " " + doc.path("metadata").path("name").asText("?") + " from " + origin);
            }
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(origin + ": " + kind + " is not valid: " + e.getMessage(), e);
        }
    }

    private static <T extends HasMetadata> T convert(JsonNode doc, Class<T> type, String apiVersion, String origin)
            throws IOException {
        String expected = SpinApp.GROUP + "/" + SpinApp.VERSION;
        if (!expected.equals(apiVersion)) {
            throw new IOException(origin + ": apiVersion \"" + apiVersion + "\" is not served; use " + expected);
        }
        return YAML.treeToValue(doc, type);
    }

    /** Writes objects as a YAML stream, each document introduced by "---". */
    public static String toYaml(List<? extends HasMetadata> objects) {
        StringBuilder out = new StringBuilder();
        for (HasMetadata o : objects) {
            try {
                out.append("---\n").append(YAML.writeValueAsString(o));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }
}
