package dev.spinkube.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden. A missing file, or a run with -Dgolden.update=true,
 * writes the actual output (review the diff before committing it); otherwise the output must match.
 */
public final class Golden {
    public static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {
    }

    public static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
                if (!Boolean.getBoolean("golden.update") && System.getenv("CI") != null) {
                    throw new AssertionError("golden file " + file + " was missing in CI; run the tests locally and commit it");
                }
                return;
            }
            assertEquals(Files.readString(file), actual, "output differs from golden file " + file
                    + " (rerun with -Dgolden.update=true if the change is intended)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
