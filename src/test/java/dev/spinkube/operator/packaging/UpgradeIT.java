package dev.spinkube.operator.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.testing.KubeApiServer;
import dev.spinkube.operator.testing.OperatorInstall;
import dev.spinkube.operator.testing.Tools;

/**
 * The upgrade section of docs/install.md, run as written with the real kubectl and helm, each case in an empty API
 * server of its own, from an install of the previous release: the same files, but its SpinApp CRD lacks a printer
 * column (to server-side apply any change of a CRD's schemas or columns is the same: {@code .spec.versions} is one
 * field).
 */
class UpgradeIT {
    static final Path GUIDE = Path.of("docs", "install.md");
    static final Path PREVIOUS = Path.of("target", "upgrade", "previous");
    static final List<Path> NEW_CRDS = List.of(Path.of("helm/spin-operator/crds/spinapps.core.spinkube.dev.yaml"),
            Path.of("helm/spin-operator/crds/spinappexecutors.core.spinkube.dev.yaml"));

    @Test
    void helmInstallUpgradesAsTheGuideSays() {
        Path chart = previousRelease(Path.of("helm", "spin-operator"), "crds/spinapps.core.spinkube.dev.yaml");
        try (KubeApiServer api = KubeApiServer.startSeparate("upgrade-helm")) {
            Tools.helm(api, "install", "spin-operator", chart.toString(), "-n", "spin-operator", "--create-namespace",
                    "--wait=false").ok();
            Tools.awaitCrds(api);
            Tools.kubectl(api, "apply", "-f", "samples/spin-shim-executor.yaml", "-f", "samples/simple.yaml").ok();
            assertNotEquals(List.of(), notStoredAsWritten(api), "the previous release's CRD differs from the new one");

            // why the guide says --force-conflicts: Helm owns .spec.versions of the CRDs it created
            Tools.Result plain = Tools.kubectl(api, "apply", "--server-side", "-f", "helm/spin-operator/crds/");
            assertTrue(plain.exit() != 0 && plain.output().contains("conflict with \"helm\""), plain.output());

            runAsWritten(api, "# installed with Helm");

            assertEquals(List.of(), notStoredAsWritten(api), "the new CRDs");
            String status = Tools.helm(api, "status", "spin-operator", "-n", "spin-operator").ok().output();
            assertTrue(status.contains("STATUS: deployed") && status.contains("REVISION: 2"), status);
            assertNotNull(api.admin().resources(SpinApp.class).inNamespace("default").withName("simple-spinapp").get());
            // kubectl owns the CRDs now: the next upgrade of unchanged files needs no flag
            Tools.kubectl(api, "apply", "--server-side", "-f", "helm/spin-operator/crds/").ok();
        }
    }

    @Test
    void deployInstallUpgradesAsTheGuideSays() {
        Path deploy = previousRelease(Path.of("deploy"), "01-crds.yaml");
        try (KubeApiServer api = KubeApiServer.startSeparate("upgrade-deploy")) {
            Tools.kubectl(api, "apply", "-f", deploy.toString()).ok();
            Tools.awaitCrds(api);
            Tools.kubectl(api, "apply", "-f", "samples/spin-shim-executor.yaml", "-f", "samples/simple.yaml").ok();
            assertNotEquals(List.of(), notStoredAsWritten(api), "the previous release's CRD differs from the new one");

            runAsWritten(api, "# installed with kubectl apply -f deploy/");

            assertEquals(List.of(), notStoredAsWritten(api), "the new CRDs");
            assertNotNull(api.admin().resources(SpinApp.class).inNamespace("default").withName("simple-spinapp").get());
        }
    }

    @Test
    void deployInstallAppliedServerSideUpgradesAsTheGuideSays() {
        Path deploy = previousRelease(Path.of("deploy"), "01-crds.yaml");
        try (KubeApiServer api = KubeApiServer.startSeparate("upgrade-deploy-ssa")) {
            Tools.kubectl(api, "apply", "-f", deploy.toString()).ok();
            Tools.awaitCrds(api);

            runAsWritten(api, "# installed with kubectl apply -f deploy/, applied server-side from now on");

            assertEquals(List.of(), notStoredAsWritten(api), "the new CRDs");
            // every object of deploy/ is stored as written (no field the API server drops or defaults inside an
            // atomic field), so the next server-side apply of unchanged files needs no flag
            Tools.kubectl(api, "apply", "--server-side", "-f", "deploy/").ok();
        }
    }

    /**
     * The commands of the guide's upgrade section, from the code block whose first line is {@code marker}, run one
     * by one as typed (kubectl and helm, no shell).
     */
    static void runAsWritten(KubeApiServer api, String marker) {
        List<String> commands = upgradeBlock(marker);
        assertTrue(!commands.isEmpty(), "no commands under " + marker + " in " + GUIDE);
        for (String command : commands) {
            String[] words = command.trim().split("\\s+");
            String[] args = Arrays.copyOfRange(words, 1, words.length);
            Tools.Result result = switch (words[0]) {
                case "kubectl" -> Tools.kubectl(api, args);
                case "helm" -> Tools.helm(api, args);
                default -> throw new AssertionError("the guide runs " + words[0] + ": " + command);
            };
            assertEquals(0, result.exit(), command + "\n" + result.output());
        }
    }

    static List<String> upgradeBlock(String marker) {
        try {
            String guide = Files.readString(GUIDE);
            String section = guide.substring(guide.indexOf("\n## Upgrade"), guide.indexOf("\n## ", guide.indexOf("\n## Upgrade") + 1));
            String[] blocks = section.split("```(sh)?\n");
            List<String> commands = new ArrayList<>();
            for (int i = 1; i < blocks.length; i += 2) {
                List<String> lines = blocks[i].lines().toList();
                if (!lines.isEmpty() && lines.get(0).equals(marker)) {
                    lines.stream().skip(1).filter(l -> !l.isBlank()).forEach(commands::add);
                }
            }
            return commands;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> notStoredAsWritten(KubeApiServer api) {
        return NEW_CRDS.stream().flatMap(f -> OperatorInstall.notStoredAsWritten(api.admin(), f).stream()).toList();
    }

    /** A copy of {@code dir} (the chart or deploy/) whose SpinApp CRD in {@code crdFile} lacks the Service column. */
    static Path previousRelease(Path dir, String crdFile) {
        Path copy = PREVIOUS.resolve(dir.getFileName()).toAbsolutePath();
        try {
            if (Files.exists(copy)) {
                try (Stream<Path> old = Files.walk(copy)) {
                    old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.toList()) {
                    Path target = copy.resolve(dir.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
            Path crd = copy.resolve(crdFile);
            List<String> lines = new ArrayList<>(Files.readAllLines(crd));
            int column = lines.indexOf("    - jsonPath: \".status.serviceName\"");
            assertTrue(column > 0 && lines.get(column + 1).contains("name: \"Service\""), "the Service column in " + crd);
            lines.subList(column, column + 4).clear(); // jsonPath, name, priority, type
            Files.write(crd, lines);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
