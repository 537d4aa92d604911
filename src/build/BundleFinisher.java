// Completes the OLM bundle that quarkus-operator-sdk-bundle-generator writes (target/bundle/<name>), with what that
// generator (7.2.x) cannot express. Run by the build right after it (pom.xml, exec-maven-plugin, package phase) as a
// single-file Java program on the project's class path (Jackson); not part of the operator.
//   java -cp CLASSPATH src/build/BundleFinisher.java BUNDLE_DIR WEBHOOKS_YAML OPENSHIFT_VERSIONS
// What it adds:
//  - spec.relatedImages: every image of the CSV's Deployments (what a mirror for a disconnected cluster must copy);
//  - features.operators.openshift.io/disconnected: "true" only when every one of those images is pinned by digest
//    (a cluster pulls through a mirror by digest only), else "false";
//  - spec.webhookdefinitions: the admission webhooks of deploy/05-webhooks.yaml (the chart's, rendered), so that
//    OLM creates the configurations, the Service and the serving certificate under OLM;
//  - com.redhat.openshift.versions (the OpenShift releases the bundle is for) in metadata/annotations.yaml and as
//    a label of bundle.Dockerfile.
// It fails (exit 1) when the bundle is not what it expects, so a change of the generator cannot slip through.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

public class BundleFinisher {
    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).build());

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BundleFinisher BUNDLE_DIR WEBHOOKS_YAML OPENSHIFT_VERSIONS");
        }
        Path bundle = Path.of(args[0]);
        Path webhooks = Path.of(args[1]);
        String openshiftVersions = args[2];
        Path csvFile;
        try (var files = Files.list(bundle.resolve("manifests"))) {
            List<Path> csvs = files.filter(p -> p.getFileName().toString().endsWith(".clusterserviceversion.yaml")).toList();
            if (csvs.size() != 1) {
                throw new IllegalStateException("expected one ClusterServiceVersion in " + bundle + "/manifests: " + csvs);
            }
            csvFile = csvs.get(0);
        }
        ObjectNode csv = (ObjectNode) YAML.readTree(csvFile.toFile());
        ObjectNode spec = (ObjectNode) csv.path("spec");
        JsonNode deployments = spec.path("install").path("spec").path("deployments");
        if (!deployments.isArray() || deployments.isEmpty()) {
            throw new IllegalStateException(csvFile + ": no install.spec.deployments");
        }

        // relatedImages and the disconnected feature
        Set<String> images = new LinkedHashSet<>();
        for (JsonNode d : deployments) {
            JsonNode pod = d.path("spec").path("template").path("spec");
            for (String list : List.of("initContainers", "containers")) {
                pod.path(list).forEach(c -> images.add(c.path("image").asText()));
            }
        }
        ArrayNode related = spec.putArray("relatedImages");
        for (String image : images) {
            related.addObject().put("name", imageName(image)).put("image", image);
        }
        boolean byDigest = images.stream().allMatch(i -> i.contains("@sha256:"));
        ((ObjectNode) csv.path("metadata").path("annotations"))
                .put("features.operators.openshift.io/disconnected", Boolean.toString(byDigest));

        // webhookdefinitions from the chart's webhook configurations
        String deploymentName = deployments.get(0).path("name").asText();
        int targetPort = webhookPort(deployments.get(0));
        ArrayNode definitions = spec.putArray("webhookdefinitions");
        try (var parser = YAML.createParser(webhooks.toFile())) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                String type = switch (doc.path("kind").asText()) {
                    case "MutatingWebhookConfiguration" -> "MutatingAdmissionWebhook";
                    case "ValidatingWebhookConfiguration" -> "ValidatingAdmissionWebhook";
                    default -> null;
                };
                if (type == null) {
                    continue;
                }
                for (JsonNode w : doc.path("webhooks")) {
                    ObjectNode def = definitions.addObject();
                    def.put("type", type).put("generateName", w.path("name").asText())
                            .put("deploymentName", deploymentName).put("containerPort", 443)
                            .put("targetPort", targetPort)
                            .put("webhookPath", w.path("clientConfig").path("service").path("path").asText());
                    for (String field : List.of("admissionReviewVersions", "sideEffects", "failurePolicy",
                            "timeoutSeconds", "matchPolicy", "objectSelector", "reinvocationPolicy", "rules")) {
                        if (w.has(field)) {
                            def.set(field, w.get(field));
                        }
                    }
                }
            }
        }
        if (definitions.isEmpty()) {
            throw new IllegalStateException(webhooks + ": no webhooks found");
        }
        YAML.writeValue(csvFile.toFile(), csv);

        // com.redhat.openshift.versions in the annotations and the bundle image's labels
        Path annotationsFile = bundle.resolve("metadata/annotations.yaml");
        ObjectNode annotations = (ObjectNode) YAML.readTree(annotationsFile.toFile());
        ((ObjectNode) annotations.path("annotations")).put("com.redhat.openshift.versions", openshiftVersions);
        YAML.writeValue(annotationsFile.toFile(), annotations);
        Path dockerfile = bundle.resolve("bundle.Dockerfile");
        List<String> lines = new ArrayList<>(Files.readAllLines(dockerfile));
        lines.removeIf(l -> l.startsWith("LABEL com.redhat.openshift.versions="));
        int copy = lines.indexOf("# Copy files to locations specified by labels.");
        if (copy < 0) {
            throw new IllegalStateException(dockerfile + ": no '# Copy files' line");
        }
        lines.add(copy, "LABEL com.redhat.openshift.versions=" + openshiftVersions);
        lines.add(copy + 1, "");
        Files.write(dockerfile, lines);
        System.out.printf("[bundle] %s: relatedImages %s, disconnected=%s, %d webhookdefinitions, OpenShift %s%n",
                bundle, images, byDigest, definitions.size(), openshiftVersions);
    }

    /** The image's repository name without registry or tag, as relatedImages names it. */
    static String imageName(String image) {
        String path = image.split("@")[0];
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.contains(":") ? last.substring(0, last.indexOf(':')) : last;
    }

    /** The container port named "webhook" of the Deployment's first container. */
    static int webhookPort(JsonNode deployment) {
        for (JsonNode port : deployment.path("spec").path("template").path("spec").path("containers").get(0).path("ports")) {
            if (port.path("name").asText().equals("webhook")) {
                return port.path("containerPort").asInt();
            }
        }
        throw new IllegalStateException("the CSV's Deployment has no container port named webhook");
    }
}
