package dev.spinkube.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What `render` says and returns for each kind of input, to the letter: users apply its output, so a manifest
 * it cannot read exactly as kubectl would is an error of one line naming the file, never a guess.
 */
class RenderCommandTest {
    static final String EXECUTOR = """
            apiVersion: core.spinkube.dev/v1alpha1
            kind: SpinAppExecutor
            metadata: {name: shim}
            spec: {createDeployment: true, deploymentConfig: {runtimeClassName: wasmtime-spin-v2}}
            """;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run renderWithStdin(String stdin, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = RenderCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run render(String... args) {
        return renderWithStdin("", args);
    }

    static String app(String name, String extraSpec) {
        return """
                apiVersion: core.spinkube.dev/v1alpha1
                kind: SpinApp
                metadata: {name: %s}
                spec:
                  image: ghcr.io/example/app:v1
                  executor: shim
                  replicas: 1
                %s""".formatted(name, extraSpec.indent(2));
    }

    String file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f.toString();
    }

    @Test
    void twoSpinAppsWithTheSameNamespaceAndNameAreAnErrorNamingBothFiles() throws IOException {
        String executor = file("executor.yaml", EXECUTOR);
        String a = file("a.yaml", app("web", ""));
        String b = file("b.yaml", "# another team's copy: YAML counts documents, not separators\n---\n"
                + app("web", "enableAutoscaling: false"));

        Run run = render(executor, a, b);

        assertEquals("error: SpinApp default/web is defined twice: " + a + " (document 1) and " + b
                + " (document 1); keep one\n", run.err());
        assertEquals("", run.out());
        assertEquals(1, run.code());
    }

    @Test
    void twoObjectsOfAnyKindWithTheSameNameAreAnError() throws IOException {
        String service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: team}\nspec: {}\n";
        String a = file("a.yaml", EXECUTOR + "---\n" + app("web", "") + "---\n" + service + "---\n" + service);

        Run run = render(a);

        assertEquals("error: Service team/web is defined twice: " + a + " (document 3) and " + a
                + " (document 4); keep one\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void theSameNameInAnotherNamespaceOrOfAnotherKindIsNoDuplicate() throws IOException {
        String a = file("a.yaml", EXECUTOR + "---\n" + app("web", "") + "---\n" + app("web", "").replace(
                "{name: web}", "{name: web, namespace: other}") + "---\n" + EXECUTOR.replace("{name: shim}",
                        "{name: shim, namespace: other}") + "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n");

        Run run = render(a);

        assertEquals(0, run.code(), run.err());
    }

    /** What {@code kubectl get spinapps,spinappexecutors -o yaml} writes: one List, its items rendered. */
    @Test
    void theItemsOfAListAreRenderedAsObjectsOfTheirOwn() throws IOException {
        String items = Stream.of(EXECUTOR, app("web", ""), app("api", ""))
                .map(o -> "- " + o.strip().replace("\n", "\n  ")).collect(Collectors.joining("\n"));
        String list = file("list.yaml", "apiVersion: v1\nkind: List\nitems:\n" + items + "\n");

        Run run = render(list);

        assertEquals(0, run.code(), run.err());
        List<String> deployments = Stream.of(run.out().split("(?m)^---$"))
                .filter(d -> d.contains("\nkind: Deployment\n"))
                .map(d -> d.substring(d.indexOf("\nmetadata:\n")).lines().filter(l -> l.startsWith("  name: "))
                        .findFirst().orElseThrow().substring("  name: ".length()))
                .sorted().toList();
        assertEquals(List.of("api", "web"), deployments);
    }

    @Test
    void aListItemThatIsNotAnObjectIsNamedLikeADocument() throws IOException {
        String list = file("list.yaml", "apiVersion: v1\nkind: List\nitems:\n- just a string\n");

        Run run = render(list);

        assertEquals("error: " + list + " (document 1): not a Kubernetes object: kind is not set\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void invalidYamlIsOneLineWithFileLineAndColumn() throws IOException {
        String f = file("broken.yaml", app("web", "env:\n  - name: A\n   value: b\n"));

        Run run = render(f);

        assertEquals("error: " + f + ":10:6: not valid YAML: expected <block end>, but found '<block mapping start>'"
                + " (while parsing a block collection)\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void aKeyGivenTwiceIsInvalidAsForKubectl() throws IOException {
        String f = file("twice.yaml", app("web", "replicas: 2"));

        Run run = render(f);

        assertEquals("error: " + f + ":8:11: not valid YAML: Duplicate field 'replicas'\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void invalidJsonIsOneLineWithFileLineAndColumn() throws IOException {
        String f = file("broken.json", "{\"kind\": \"SpinApp\",\n \"metadata\": {\"name\": \"web\",}}\n");

        Run run = render(f);

        assertEquals("error: " + f + ":2:29: not valid JSON: Unexpected character ('}' (code 125)): was expecting"
                + " double-quote to start field name\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void aBinaryFileIsOneLineNamingIt() throws IOException {
        Path f = dir.resolve("app.yaml");
        Files.write(f, new byte[] { 'k', 'i', 'n', 'd', ':', ' ', (byte) 0xff, (byte) 0xfe, 0 });

        Run run = render(f.toString());

        assertEquals("error: " + f + ": not a UTF-8 text file (binary?); give YAML or JSON manifests\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void aSpinAppWithoutNameIsOneLineNamingFileAndDocument() throws IOException {
        String f = file("a.yaml", EXECUTOR + "---\n" + app("web", "").replace("metadata: {name: web}", "metadata: {}"));

        Run run = render(f);

        assertEquals("error: " + f + " (document 2): SpinApp has no metadata.name; every SpinApp needs one\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void anExecutorWithoutMetadataIsOneLineNamingFileAndDocument() throws IOException {
        String f = file("a.yaml", EXECUTOR.replace("metadata: {name: shim}\n", ""));

        Run run = render(f);

        assertEquals("error: " + f + " (document 1): SpinAppExecutor has no metadata.name; every SpinAppExecutor needs"
                + " one\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void aDocumentWithoutKindIsNotAKubernetesObject() throws IOException {
        String f = file("a.yaml", "apiVersion: v1\nmetadata: {name: x}\n");

        Run run = render(f);

        assertEquals("error: " + f + " (document 1): not a Kubernetes object: kind is not set\n", run.err());
        assertEquals(1, run.code());
    }

    /** Strict field validation as kubectl does it, in our types and in the Kubernetes types inside them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "replica: 3                                          | spec.replica                          | spinapp.spec",
            "initContainers: [{name: a, image: b, enviroment: []}] | spec.initContainers[0].enviroment | spinapp.spec.initContainers",
            "affinity: {nodeAffinity: {required: {}}}            | spec.affinity.nodeAffinity.required   | spinapp.spec.affinity.nodeAffinity",
            "volumes: [{name: v, emptyDir: {medium: ''}, foo: 1}] | spec.volumes[0].foo                  | spinapp.spec.volumes",
            "checks: {liveness: {httpGet: {path: /, prot: 80}}}  | spec.checks.liveness.httpGet.prot     | spinapp.spec.checks.liveness.httpGet",
            "runtimeConfig: {keyValueStores: [{name: d, type: redis, option: []}]} | spec.runtimeConfig.keyValueStores[0].option | spinapp.spec.runtimeConfig.keyValueStores" })
    void unknownFieldsAreRefusedWithTheirPath(String spec, String path, String explain) throws IOException {
        String f = file("a.yaml", EXECUTOR + "---\n" + app("web", spec));

        Run run = render(f);

        assertEquals("error: " + f + " (document 2): SpinApp web: unknown field \"" + path + "\"; check its spelling"
                + " (kubectl explain " + explain + ")\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void unknownFieldsOutsideTheSpecAreRefusedToo() throws IOException {
        String meta = file("meta.yaml", app("web", "").replace("{name: web}", "{name: web, lables: {a: b}}"));
        String top = file("top.yaml", app("web", "") + "specs: {}\n");
        String executor = file("executor.yaml", EXECUTOR.replace("runtimeClassName", "runtimeClass"));
        String secret = file("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringdata: {a: b}\n");

        assertEquals("error: " + meta + " (document 1): SpinApp web: unknown field \"metadata.lables\"; check its"
                + " spelling (kubectl explain spinapp.metadata)\n", render(meta).err());
        assertEquals("error: " + top + " (document 1): SpinApp web: unknown field \"specs\"; check its spelling"
                + " (kubectl explain spinapp)\n", render(top).err());
        assertEquals("error: " + executor + " (document 1): SpinAppExecutor shim: unknown field"
                + " \"spec.deploymentConfig.runtimeClass\"; check its spelling (kubectl explain"
                + " spinappexecutor.spec.deploymentConfig)\n", render(executor).err());
        assertEquals("error: " + secret + " (document 1): Secret s: unknown field \"stringdata\"; check its spelling"
                + " (kubectl explain secret)\n", render(secret).err());
    }

    @Test
    void freeFormMapsTakeAnyKey() throws IOException {
        String f = file("a.yaml", EXECUTOR + "---\n" + app("web", """
                podLabels: {any.example/key: v}
                podAnnotations: {whatever: v}
                nodeSelector: {kubernetes.io/arch: arm64}
                """).replace("{name: web}", "{name: web, labels: {free: form}, annotations: {x/y: z}}"));

        Run run = render(f);

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("kubernetes.io/arch: arm64"), run.out());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() throws IOException {
        String f = file("a.yaml", EXECUTOR + "---\n" + app("web", "").replace("replicas: 1", "replicas: three"));

        Run run = render(f);

        assertEquals("error: " + f + " (document 2): SpinApp web: spec.replicas: expected a number\n",
                run.err());
        assertEquals(1, run.code());
    }

    /** kubectl refuses a number where a string belongs and the other way round; so does render. */
    @Test
    void scalarsAreNotCoercedToTheFieldsType() throws IOException {
        String number = file("number.yaml", EXECUTOR + "---\n" + app("web", "env: [{name: PORT, value: 8080}]"));
        String string = file("string.yaml", EXECUTOR + "---\n" + app("web", "").replace("replicas: 1", "replicas: \"1\""));

        assertEquals("error: " + number + " (document 2): SpinApp web: spec.env[0].value: 8080 is not a string (quote it)\n",
                render(number).err());
        assertEquals("error: " + string + " (document 2): SpinApp web: spec.replicas: expected a number\n",
                render(string).err());
    }

    @Test
    void filesNamedExplicitlyAreReadWhateverTheirExtension() throws IOException {
        String json = file("app.json", """
                {"apiVersion": "core.spinkube.dev/v1alpha1", "kind": "SpinApp",
                 "metadata": {"name": "from-json"},
                 "spec": {"image": "ghcr.io/example/app:v1", "executor": "shim", "replicas": 1}}
                """);
        String plain = file("Manifest", app("no-extension", ""));
        String executor = file("executor.txt", EXECUTOR);

        Run run = render(executor, json, plain);

        assertEquals(0, run.code(), run.err());
        assertEquals("rendered 2 of 2 SpinApp(s) into 6 object(s)\n", run.err());
    }

    @Test
    void directoriesAreWalkedForYamlYmlAndJsonFilesOnly() throws IOException {
        file("apps/executor.yaml", EXECUTOR);
        file("apps/a.yml", app("a", ""));
        file("apps/nested/b.json", "{\"apiVersion\": \"core.spinkube.dev/v1alpha1\", \"kind\": \"SpinApp\","
                + " \"metadata\": {\"name\": \"b\"}, \"spec\": {\"image\": \"ghcr.io/example/b:v1\", \"executor\": \"shim\"}}");
        file("apps/notes.txt", "not: [a manifest");
        file("apps/chart.tgz", "\u0000binary");

        Run run = render(dir.resolve("apps").toString());

        assertEquals(0, run.code(), run.err());
        assertEquals("rendered 2 of 2 SpinApp(s) into 6 object(s)\n", run.err());
    }

    @Test
    void aDashReadsStdin() throws IOException {
        String executor = file("executor.yaml", EXECUTOR);

        Run run = renderWithStdin(app("piped", ""), executor, "-");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("---\n# Source: stdin\napiVersion: apps/v1\nkind: Deployment\n"), run.out());
    }

    /** The output alone is not everything the apps need: what else to apply is said once, in reading order. */
    @Test
    void objectsOfOtherKindsAreListedOnceAsNotRendered() throws IOException {
        String f = file("a.yaml", EXECUTOR + "---\n" + app("web", "enableAutoscaling: true").replace("  replicas: 1\n", "")
                + "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\n"
                + "spec: {scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 3}\n"
                + "---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: web, namespace: team}\n"
                + "---\napiVersion: v1\nkind: Service\nmetadata: {name: web-public}\n"
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-config}\ndata: {a: b}\n");

        Run run = render(f);

        assertEquals("note: not rendered, apply them as they are: HorizontalPodAutoscaler web (" + f
                + "), ScaledObject team/web (" + f + "), Service web-public (" + f + "), ConfigMap web-config (" + f
                + ")\n"
                + "rendered 1 of 1 SpinApp(s) into 3 object(s)\n", run.err());
        assertEquals(0, run.code());
    }

    @Test
    void anUnknownOptionIsAUsageError() throws IOException {
        String f = file("a.yaml", EXECUTOR + "---\n" + app("web", ""));

        Run run = render("--foo", f);

        assertEquals("error: Unknown option: '--foo'; see render --help\n", run.err());
        assertEquals("", run.out());
        assertEquals(2, run.code());
    }

    @Test
    void theNamespaceOptionNamesTheNamespaceOfObjectsThatNameNone() throws IOException {
        String f = file("a.yaml", EXECUTOR + "---\n" + app("web", ""));

        for (String[] args : List.of(new String[] { "-n", "team", f }, new String[] { f, "--namespace", "team" },
                new String[] { "-n", "other", "-n", "team", f })) {
            Run run = render(args);

            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().contains("namespace: team\n"), run.out());
            assertFalse(run.out().contains("namespace: other\n"), run.out());
        }
    }

    @Test
    void aNamespaceOptionWithoutValueIsAUsageError() throws IOException {
        for (String option : List.of("-n", "--namespace")) {
            Run run = render(option);

            assertEquals("error: Missing required parameter for option '--namespace' (NAMESPACE); see render --help\n",
                    run.err());
            assertEquals(2, run.code());
        }
    }

    @Test
    void noInputIsAUsageError() {
        Run run = render();

        assertTrue(run.err().startsWith("error: no input given\nUsage: render "), run.err());
        assertEquals(2, run.code());
    }

    @Test
    void anArgumentStartingWithAnAtSignNamesAFileNotAFileOfArguments() throws IOException {
        String f = file("args.txt", "--with-ca-bundle\n");

        Run run = render("@" + f);

        assertEquals("error: @" + f + ": no such file or directory\n", run.err());
        assertEquals(1, run.code());
    }

    @Test
    void aFileNamedLikeAnOptionIsReadAfterDoubleDash() throws IOException {
        file("--web.yaml", EXECUTOR + "---\n" + app("web", ""));

        Run run = render("--", dir.resolve("--web.yaml").toString());

        assertEquals(0, run.code(), run.err());
    }

    @Test
    void theHelpSaysHowToApplyTheOutput() {
        Run run = render("--help");

        assertTrue(run.out().contains("kubectl apply --server-side -f FILE"), run.out());
        assertEquals(0, run.code());
    }

    @Test
    void printingTheCaBundleSaysToApplyServerSide() throws IOException {
        String f = file("a.yaml", EXECUTOR.replace("runtimeClassName: wasmtime-spin-v2",
                "runtimeClassName: wasmtime-spin-v2, installDefaultCACerts: true") + "---\n" + app("web", ""));

        Run run = render("--with-ca-bundle", f);

        assertEquals("note: the CA bundle Secret default/spin-ca is larger than client-side apply allows: apply the"
                + " output with kubectl apply --server-side\nrendered 1 of 1 SpinApp(s) into 4 object(s)\n", run.err());
        assertTrue(run.out().length() > 262_144, "the reason for the note: " + run.out().length());
    }

    @Test
    void theCaBundleIsLeftOutUnlessAskedFor() throws IOException {
        String f = file("a.yaml", EXECUTOR.replace("runtimeClassName: wasmtime-spin-v2",
                "runtimeClassName: wasmtime-spin-v2, installDefaultCACerts: true") + "---\n" + app("web", ""));

        Run run = render(f);

        assertEquals("note: the default CA bundle Secret default/spin-ca is created where missing; add --with-ca-bundle"
                + " to print it\nrendered 1 of 1 SpinApp(s) into 3 object(s)\n", run.err());
        assertTrue(run.out().contains("secretName: spin-ca"), "the pods mount it:\n" + run.out());
        assertFalse(run.out().contains("ca-certificates.crt: "), "but it is not printed:\n" + run.out());
    }

    @Test
    void eachObjectSaysWhichFileItCameFrom() throws IOException {
        String executor = file("executor.yaml", EXECUTOR);
        String a = file("a.yaml", app("a", ""));
        String b = file("b.yaml", app("b", ""));

        Run run = render(executor, a, b);

        assertEquals(0, run.code(), run.err());
        String[] documents = run.out().split("(?m)^---\n");
        assertEquals(7, documents.length, run.out());
        for (int i = 1; i < documents.length; i++) {
            assertTrue(documents[i].startsWith("# Source: " + (i <= 3 ? a : b) + "\napiVersion: "), documents[i]);
        }
    }
}
