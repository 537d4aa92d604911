package dev.spinkube.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.spinkube.operator.Golden;

/** Every sample renders, with the executors of samples/, to the objects in its golden file. */
class SamplesRenderTest {
    static final Path SAMPLES = Path.of("samples");

    static Stream<String> samplesWithApps() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).filter(SamplesRenderTest::hasApp)
                    .map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static boolean hasApp(Path f) {
        try {
            return Files.readString(f).contains("kind: SpinApp\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The executor samples every app sample may use. */
    static List<String> executorFiles() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(f -> f.toString().endsWith("executor.yaml")).filter(f -> !hasApp(f))
                    .map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("samplesWithApps")
    void sampleRendersToItsGoldenObjects(String sample) throws IOException {
        List<String> args = new ArrayList<>();
        executorFiles().forEach(e -> args.add(SAMPLES.resolve(e).toString()));
        if (!args.contains(SAMPLES.resolve(sample).toString())) {
            args.add(SAMPLES.resolve(sample).toString());
        }
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = RenderCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, stderr);
        String yaml = out.toString(StandardCharsets.UTF_8);
        assertFalse(yaml.isBlank());
        assertTrue(yaml.contains("kind: Service"), yaml);
        Golden.assertMatches("samples/" + sample, yaml);
    }
}
