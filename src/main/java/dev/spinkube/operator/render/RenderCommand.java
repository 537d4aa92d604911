package dev.spinkube.operator.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code render [-n namespace] FILE|DIR|-...}: prints the objects the operator would apply for the SpinApps
 * found in the files, as YAML on stdout, each with a {@code # Source:} comment naming the file of its SpinApp;
 * notes and problems go to stderr. Exit code 0: everything rendered; 1: a manifest or an app could not be
 * rendered; 2: usage error.
 */
public final class RenderCommand {
    private static final String NAMESPACE = "-n";
    private static final String WITH_CA_BUNDLE = "--with-ca-bundle";

    private RenderCommand() {
    }

    /** The command line, parsed by picocli's programmatic API (no reflection, so the native executable needs none). */
    static CommandLine commandLine() {
        CommandSpec spec = CommandSpec.create().name("render");
        spec.usageMessage().descriptionHeading("%n").parameterListHeading("%n").optionListHeading("%n").footerHeading("%n").description("""
                Reads SpinApp, SpinAppExecutor, Secret and ConfigMap manifests (YAML or JSON: files named here whatever \
                their extension, directories recursively for *.yaml, *.yml and *.json, - for stdin) and prints the \
                objects the operator would apply for each SpinApp, as YAML, each with a "# Source:" comment naming \
                its SpinApp's file. Unknown fields are refused, as kubectl does.""")
                .footer("""
                        Apply the output with server-side apply: kubectl apply --server-side -f FILE. Client-side \
                        apply copies each object into an annotation limited to 256 KiB, which the CA bundle Secret \
                        exceeds.
                        Exit code: 0 rendered; 1 a manifest or app could not be rendered (stderr says why); 2 usage \
                        error.""");
        spec.addOption(OptionSpec.builder(NAMESPACE, "--namespace").paramLabel("NAMESPACE").type(String.class)
                .defaultValue("default").description("namespace of objects that name none (default \"default\")")
                .build());
        spec.addOption(OptionSpec.builder(WITH_CA_BUNDLE).type(boolean.class)
                .description("also print the default CA bundle Secret (spin-ca, about 290 KB)").build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("this text").build());
        spec.addPositional(PositionalParamSpec.builder().paramLabel("FILE|DIR|-").arity("0..*").type(List.class)
                .auxiliaryTypes(String.class).description("manifests to read").build());
        return new CommandLine(spec)
                .setExpandAtFiles(false) // @name is a file name, not a file of arguments
                .setOverwrittenOptionsAllowed(true); // the last -n wins
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine commandLine = commandLine();
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            err.println("error: " + e.getMessage() + "; see render --help");
            return 2;
        }
        if (parsed.isUsageHelpRequested()) {
            commandLine.usage(out);
            return 0;
        }
        String namespace = parsed.matchedOptionValue(NAMESPACE, "default");
        boolean withCaBundle = parsed.hasMatchedOption(WITH_CA_BUNDLE);
        List<Path> paths = parsed.matchedPositionalValue(0, List.<String>of()).stream().map(Path::of).toList();
        if (paths.isEmpty()) {
            err.print("error: no input given\n" + commandLine.getUsageMessage());
            return 2;
        }
        Manifests manifests;
        try {
            manifests = Manifests.read(paths, in);
        } catch (FileSystemException e) {
            err.println("error: " + e.getFile() + ": " + (e.getReason() != null ? e.getReason() : "cannot be read"));
            return 1;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        List<String> duplicates = manifests.duplicates(namespace);
        if (!duplicates.isEmpty()) {
            duplicates.forEach(d -> err.println("error: " + d));
            return 1;
        }
        if (manifests.apps.isEmpty()) {
            err.println("error: no SpinApp found in "
                    + paths.stream().map(Path::toString).collect(Collectors.joining(", ")));
            return 1;
        }
        String notRendered = notRendered(manifests);
        Renderer.Result result = Renderer.render(manifests, namespace);
        int printed = print(result, manifests, withCaBundle, out, err);
        if (!notRendered.isEmpty()) {
            err.println("note: not rendered, apply them as they are: " + notRendered);
        }
        result.errors().forEach(e -> err.println("error: " + e));
        err.println("rendered " + result.apps().size() + " of " + manifests.apps.size() + " SpinApp(s) into " + printed
                + " object(s)");
        return result.errors().isEmpty() ? 0 : 1;
    }

    /**
     * Objects the output does not hold but the apps may need in the cluster: the Secrets and ConfigMaps read as
     * references, and objects of other kinds (HPA, ScaledObject, Service, ...), in the order they were read.
     */
    private static String notRendered(Manifests manifests) {
        List<Manifests.Other> objects = new ArrayList<>(manifests.others);
        Stream.concat(manifests.secrets.stream(), manifests.configMaps.stream())
                .forEach(o -> objects.add(new Manifests.Other(o.getApiVersion(), o.getKind(),
                        o.getMetadata().getNamespace(), o.getMetadata().getName(), manifests.sourceOf(o))));
        return objects.stream()
                .sorted(Comparator.comparing((Manifests.Other o) -> o.source().file())
                        .thenComparing(o -> o.source().document()))
                .map(o -> o.kind() + " " + (o.namespace() == null || o.namespace().isEmpty() ? "" : o.namespace() + "/")
                        + o.name() + " (" + o.source().file() + ")")
                .collect(Collectors.joining(", "));
    }

    /** Prints every object once (the CA bundle is shared by the apps of a namespace); returns how many. */
    private static int print(Renderer.Result result, Manifests manifests, boolean withCaBundle, PrintStream out,
            PrintStream err) {
        Set<String> printed = new HashSet<>();
        Set<String> caBundles = new LinkedHashSet<>();
        for (Renderer.Rendered app : result.apps()) {
            for (HasMetadata o : app.objects().all()) {
                String id = o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
                // the executor's default CA bundle: large, the same everywhere, created where missing
                if (o == app.objects().caBundle()) {
                    caBundles.add(id);
                    if (!withCaBundle) {
                        continue;
                    }
                }
                if (printed.add(o.getKind() + " " + id)) {
                    out.print("---\n# Source: " + manifests.sourceOf(app.app()).file() + "\n" + Manifests.toYaml(o));
                }
            }
        }
        caBundles.forEach(b -> err.println(withCaBundle
                ? "note: the CA bundle Secret " + b + " is larger than client-side apply allows: apply the output with"
                        + " kubectl apply --server-side"
                : "note: the default CA bundle Secret " + b + " is created where missing; add --with-ca-bundle to"
                        + " print it"));
        return printed.size();
    }
}
