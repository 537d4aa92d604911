package dev.spinkube.operator.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * Kubernetes manifests on disk: reads the kinds the operator cares about from YAML or JSON files (several
 * documents per file), remembers where each object came from, and writes objects back as YAML. Objects of
 * other kinds are kept aside as {@link Other}. Anything kubectl would refuse (invalid YAML, unknown fields, a
 * missing name) is an {@link IOException} whose message is one line naming the file.
 */
public final class Manifests {
    static final ObjectMapper YAML = strict(new ObjectMapper(YAMLFactory.builder()
            .stringQuotingChecker(new Yaml11Quoting()).build()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS));
    static final ObjectMapper JSON = strict(new JsonMapper());

    /**
     * Like kubectl: unknown fields (see {@link UnknownFieldsRefused}), keys given twice and scalars of the wrong
     * type (8080 for a string, "3" for an integer) are errors.
     */
    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper.registerModule(new SimpleModule().setDeserializerModifier(new UnknownFieldsRefused()))
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

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

    /** A file (or stdin) and the position of a document in it, as error messages name it. */
    public record Source(String file, int document) {
        @Override
        public String toString() {
            return file + " (document " + document + ")";
        }
    }

    /** An object of a kind the renderer does not read: the user applies it as it is. */
    public record Other(String apiVersion, String kind, String namespace, String name, Source source) {
    }

    static final String STDIN = "-";

    public final List<SpinApp> apps = new ArrayList<>();
    public final List<SpinAppExecutor> executors = new ArrayList<>();
    public final List<Secret> secrets = new ArrayList<>();
    public final List<ConfigMap> configMaps = new ArrayList<>();
    public final List<Other> others = new ArrayList<>();
    private final Map<HasMetadata, Source> sources = new IdentityHashMap<>();

    /**
     * Reads files named explicitly whatever their extension, directories recursively (*.yaml, *.yml, *.json, in
     * path order), and {@code -} from {@code stdin}.
     */
    public static Manifests read(List<Path> paths, InputStream stdin) throws IOException {
        Manifests m = new Manifests();
        for (Path p : paths) {
            if (p.toString().equals(STDIN)) {
                m.readDocuments(decode(stdin.readAllBytes(), "stdin"), "stdin", false);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    for (Path f : files.filter(Files::isRegularFile).filter(Manifests::isManifest)
                            .sorted(Comparator.comparing(Path::toString)).toList()) {
                        m.readFile(f);
                    }
                }
            } else if (Files.exists(p)) {
                m.readFile(p);
            } else {
                throw new IOException(p + ": no such file or directory");
            }
        }
        return m;
    }

    public static Manifests parse(String yaml, String origin) {
        Manifests m = new Manifests();
        try {
            m.readDocuments(yaml, origin, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** Where an object read by this instance came from. */
    public Source sourceOf(HasMetadata object) {
        return sources.get(object);
    }

    /**
     * One line per object defined more than once (same API group, kind, namespace and name): applying the
     * sources would keep only the last one, so rendering any of them would show something that never runs.
     */
    public List<String> duplicates(String defaultNamespace) {
        Map<String, Source> seen = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        Stream.of(apps, executors, secrets, configMaps).flatMap(List::stream).map(o -> new Other(o.getApiVersion(),
                o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName(), sources.get(o)))
                .forEach(o -> check(o, defaultNamespace, seen, lines));
        others.forEach(o -> check(o, defaultNamespace, seen, lines));
        return lines;
    }

    private static void check(Other o, String defaultNamespace, Map<String, Source> seen, List<String> lines) {
        String group = o.apiVersion() == null || !o.apiVersion().contains("/") ? ""
                : o.apiVersion().substring(0, o.apiVersion().indexOf('/'));
        String namespace = o.namespace() == null || o.namespace().isEmpty() ? defaultNamespace : o.namespace();
        String id = o.kind() + " " + namespace + "/" + o.name();
        Source first = seen.putIfAbsent(group + " " + id, o.source());
        if (first != null) {
            lines.add(id + " is defined twice: " + first + " and " + o.source() + "; keep one");
        }
    }

    private static boolean isManifest(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private void readFile(Path f) throws IOException {
        readDocuments(decode(Files.readAllBytes(f), f.toString()), f.toString(), f.toString().endsWith(".json"));
    }

    private static String decode(byte[] bytes, String file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not a UTF-8 text file (binary?); give YAML or JSON manifests");
        }
    }

    private void readDocuments(String text, String file, boolean json) throws IOException {
        ObjectMapper mapper = json ? JSON : YAML;
        int document = 0;
        try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class).readValues(text)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                document++;
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    add(doc, new Source(file, document));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException(ReadErrors.syntax(file, e));
        }
    }

    private void add(JsonNode doc, Source source) throws IOException {
        if (!doc.isObject() || doc.path("kind").asText("").isEmpty()) {
            throw new IOException(source + ": not a Kubernetes object: kind is not set");
        }
        String kind = doc.path("kind").asText();
        if (kind.endsWith("List") && doc.path("items").isArray()) {
            // what kubectl get -o yaml writes, and kubectl apply reads: each item counts as an object of the document
            for (JsonNode item : doc.path("items")) {
                add(item, source);
            }
            return;
        }
        String name = doc.path("metadata").path("name").asText("");
        switch (kind) {
            case "SpinApp" -> apps.add(convert(doc, SpinApp.class, source));
            case "SpinAppExecutor" -> executors.add(convert(doc, SpinAppExecutor.class, source));
            case "Secret" -> secrets.add(convert(doc, Secret.class, source));
            case "ConfigMap" -> configMaps.add(convert(doc, ConfigMap.class, source));
            default -> others.add(new Other(doc.path("apiVersion").asText(""), kind,
                    doc.path("metadata").path("namespace").asText(""), name.isEmpty() ? "?" : name, source));
        }
    }

    private <T extends HasMetadata> T convert(JsonNode doc, Class<T> type, Source source) throws IOException {
        String kind = doc.path("kind").asText();
        String apiVersion = doc.path("apiVersion").asText("");
        String expected = type == Secret.class || type == ConfigMap.class ? "v1"
                : SpinApp.GROUP + "/" + SpinApp.VERSION;
        if (!expected.equals(apiVersion)) {
            throw new IOException(source + ": " + kind + " apiVersion \"" + apiVersion + "\" is not served; use "
                    + expected);
        }
        String name = doc.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new IOException(source + ": " + kind + " has no metadata.name; every " + kind + " needs one");
        }
        T object;
        try {
            object = YAML.treeToValue(doc, type);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": " + kind + " " + name + ": " + ReadErrors.field(kind, e));
        }
        sources.put(object, source);
        return object;
    }

    static String toYaml(HasMetadata object) {
        try {
            return YAML.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
