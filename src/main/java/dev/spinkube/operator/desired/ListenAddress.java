package dev.spinkube.operator.desired;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address the Spin HTTP trigger listens on ({@code SPIN_HTTP_LISTEN_ADDR}, {@code host:port}).
 * Its port is the app's containerPort, probe port and Service target.
 */
public record ListenAddress(String host, int port) {
    public static final String ENV_NAME = "SPIN_HTTP_LISTEN_ADDR";
    public static final ListenAddress DEFAULT = new ListenAddress("0.0.0.0", 80);

    /** host (name, IPv4 or bracketed IPv6) ':' port; also used as the CEL rule's regex. */
    public static final String PATTERN = "^([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]):([0-9]{1,5})$";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    /** Parses {@code host:port}; empty when the value is malformed or the port is outside 1-65535. */
    public static Optional<ListenAddress> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = COMPILED.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(2));
        return port >= 1 && port <= 65535 ? Optional.of(new ListenAddress(m.group(1), port)) : Optional.empty();
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
