package dev.spinkube.operator.testing;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.render.Manifests;

/**
 * SpinApps and executors from the YAML of their spec, the way users write it, read as strictly as {@code render}
 * reads files (a misspelt field fails the test). In namespace {@code default}.
 */
public final class Yaml {
    private Yaml() {
    }

    public static SpinApp app(String name, String spec) {
        return Manifests.parse(document("SpinApp", name, spec), "test").apps.get(0);
    }

    public static SpinAppExecutor executor(String name, String spec) {
        return Manifests.parse(document("SpinAppExecutor", name, spec), "test").executors.get(0);
    }

    private static String document(String kind, String name, String spec) {
        return "apiVersion: core.spinkube.dev/v1alpha1\nkind: " + kind + "\nmetadata: {name: " + name
                + ", namespace: default}\nspec:\n" + spec.stripIndent().lines().map(l -> "  " + l + "\n")
                        .reduce("", String::concat);
    }
}
