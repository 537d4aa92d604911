package dev.spinkube.operator.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.testing.Tools;

/**
 * deploy/ is the Helm chart rendered with deploy/helm/values.yaml (by the real helm, through deploy/generate.sh),
 * byte for byte: a change to the chart, or an edit of deploy/ by hand, fails here until deploy/ is regenerated.
 */
class DeployGeneratedTest {
    static final String REGENERATE = "run deploy/generate.sh (after ./mvnw -B package -DskipTests if the API types"
            + " changed) and commit deploy/";

    @Test
    void deployIsTheChartRendered() throws IOException {
        Path rendered = Path.of("target", "deploy-rendered");
        Tools.script("deploy/generate.sh", "--out", rendered.toString()).ok();

        assertEquals(manifests(rendered), manifests(Path.of("deploy")),
                "deploy/ holds other files than the chart renders: " + REGENERATE);
        for (String name : manifests(rendered)) {
            List<String> expected = Files.readAllLines(rendered.resolve(name));
            List<String> shipped = Files.readAllLines(Path.of("deploy", name));
            for (int i = 0; i < Math.max(expected.size(), shipped.size()); i++) {
                String want = i < expected.size() ? expected.get(i) : "(end of file)";
                String got = i < shipped.size() ? shipped.get(i) : "(end of file)";
                if (!want.equals(got)) {
                    fail("deploy/" + name + " is not what the chart renders (helm template spin-operator"
                            + " helm/spin-operator --namespace spin-operator --include-crds -f deploy/helm/values.yaml)"
                            + ", from line " + (i + 1) + ":\n  rendered: " + want + "\n  deploy/:  " + got + "\n"
                            + REGENERATE);
                }
            }
        }
    }

    /** The files {@code kubectl apply -f DIR} reads (not the sub-folders). */
    static List<String> manifests(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")).sorted().toList();
        }
    }
}
