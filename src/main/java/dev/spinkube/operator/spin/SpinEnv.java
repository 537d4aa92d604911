package dev.spinkube.operator.spin;

import java.util.Locale;

/**
 * The environment variables of the Spin container that the operator sets itself or guards: users set these
 * through the SpinApp's own fields, and the rules refuse them in {@code env}.
 */
public final class SpinEnv {
    /** Spin's env variables provider reads variable {@code name} from {@code SPIN_VARIABLE_NAME}. */
    public static final String VARIABLE_PREFIX = "SPIN_VARIABLE_";
    public static final String LISTEN_ADDRESS = "SPIN_HTTP_LISTEN_ADDR";
    public static final String MAX_INSTANCE_MEMORY = "SPIN_MAX_INSTANCE_MEMORY";
    public static final String COMPONENTS_TO_RETAIN = "SPIN_COMPONENTS_TO_RETAIN";
    public static final String RUNTIME_CONFIG_FILE = "SPIN_RUNTIME_CONFIG_FILE";

    private SpinEnv() {
    }

    /** Spin variable names are lower-case ASCII, digits and '_'; the env provider reads them upper-cased. */
    public static String variable(String variableName) {
        return VARIABLE_PREFIX + variableName.toUpperCase(Locale.ROOT);
    }
}
