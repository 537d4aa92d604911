package dev.spinkube.operator;

import java.util.Arrays;

import dev.spinkube.operator.render.RenderCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One binary, two jobs: with {@code render ...} it renders manifests offline and exits before anything
 * connects to a cluster; otherwise it runs the operator.
 */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        if (args.length > 0 && "render".equals(args[0])) {
            System.exit(RenderCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        Quarkus.run(args);
    }
}
