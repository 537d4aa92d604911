package dev.spinkube.operator.render;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code render [-n namespace] FILE|DIR...}: prints the objects the operator would apply for the
 * SpinApps found in the files, as YAML on stdout; problems go to stderr and make the exit code 1.
 */
public final class RenderCommand {
    static final String USAGE = "usage: render [-n NAMESPACE] [--with-ca-bundle] FILE|DIR...\n"
            + "  Reads SpinApp, SpinAppExecutor, Secret and ConfigMap manifests and prints the objects\n"
            + "  the operator would apply for each SpinApp. NAMESPACE (default \"default\") is used for\n"
            + "  objects that name none.";

    private RenderCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String namespace = "default";
        boolean withCaBundle = false;
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-n", "--namespace" -> {
                    if (i + 1 >= args.length) {
                        err.println("error: " + args[i] + " needs a namespace\n" + USAGE);
                        return 2;
                    }
                    namespace = args[++i];
                }
                case "--with-ca-bundle" -> withCaBundle = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> paths.add(Path.of(args[i]));
            }
        }
        if (paths.isEmpty()) {
            err.println("error: no input given\n" + USAGE);
            return 2;
        }
        Manifests manifests;
        try {
            manifests = Manifests.read(paths);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        if (manifests.apps.isEmpty()) {
            err.println("error: no SpinApp found in " + paths);
            return 1;
        }
        Renderer.Result result = Renderer.render(manifests, namespace);
        List<io.fabric8.kubernetes.api.model.HasMetadata> objects = result.objects();
        if (!withCaBundle) {
            List<String> bundles = objects.stream().filter(Renderer::isCaBundle)
                    .map(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()).distinct().toList();
            objects = objects.stream().filter(o -> !Renderer.isCaBundle(o)).toList();
            bundles.forEach(b -> err.println("note: the default CA bundle Secret " + b
                    + " is created where missing; add --with-ca-bundle to print it"));
        }
        // the CA bundle is shared by every app of a namespace: print it once
        java.util.Set<String> seen = new java.util.HashSet<>();
        objects = objects.stream().filter(o -> seen.add(o.getKind() + "/" + o.getMetadata().getNamespace() + "/"
                + o.getMetadata().getName())).toList();
        out.print(Manifests.toYaml(objects));
        result.errors().forEach(e -> err.println("error: " + e));
        err.println("rendered " + (manifests.apps.size() - result.errors().size()) + " of " + manifests.apps.size()
                + " SpinApp(s) into " + objects.size() + " object(s)");
        return result.errors().isEmpty() ? 0 : 1;
    }
}
