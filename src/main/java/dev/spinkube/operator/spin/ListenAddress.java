package dev.spinkube.operator.spin;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.EnvVar;

/**
 * The address the Spin HTTP trigger listens on ({@code SPIN_HTTP_LISTEN_ADDR}, {@code host:port}).
 * Its port is the app's containerPort, probe port and Service target.
 */
public record ListenAddress(String host, int port) {
    public static final ListenAddress DEFAULT = new ListenAddress("0.0.0.0", 80);

    /**
     * host (name, IPv4 or bracketed IPv6) ':' port 1-65535. Not a CEL rule: over env values without a length
     * bound its estimated cost is far beyond the API server's budget (see ObjectRules).
     */
    private static final Pattern FORMAT = Pattern.compile("^([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]):"
            + "([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$");

    /** Parses {@code host:port}; empty when the value is malformed or the port is outside 1-65535. */
    public static Optional<ListenAddress> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ListenAddress(m.group(1), Integer.parseInt(m.group(2))));
    }

    /** The address of a container env: its first {@code SPIN_HTTP_LISTEN_ADDR}, else the default. */
    public static ListenAddress of(List<EnvVar> env) {
        return env.stream().filter(e -> SpinEnv.LISTEN_ADDRESS.equals(e.getName())).findFirst()
                .flatMap(e -> parse(e.getValue())).orElse(DEFAULT);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
