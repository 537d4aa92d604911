package dev.spinkube.operator.desired;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.spinkube.operator.validation.CelRules;

/**
 * The address the Spin HTTP trigger listens on ({@code SPIN_HTTP_LISTEN_ADDR}, {@code host:port}).
 * Its port is the app's containerPort, probe port and Service target.
 */
public record ListenAddress(String host, int port) {
    public static final String ENV_NAME = "SPIN_HTTP_LISTEN_ADDR";
    public static final ListenAddress DEFAULT = new ListenAddress("0.0.0.0", 80);

    /** host (name, IPv4 or bracketed IPv6) ':' port 1-65535; the CEL rule uses the same regex. */
    private static final Pattern COMPILED = Pattern.compile(CelRules.Patterns.LISTEN_ADDRESS);

    /** Parses {@code host:port}; empty when the value is malformed or the port is outside 1-65535. */
    public static Optional<ListenAddress> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = COMPILED.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ListenAddress(m.group(1), Integer.parseInt(m.group(2))));
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
