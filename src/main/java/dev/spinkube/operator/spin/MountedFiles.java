package dev.spinkube.operator.spin;

/**
 * The files the operator mounts into the Spin container, each one key of a Secret: the runtime config (generated,
 * or the user's {@code loadFromSecret}) and the CA bundle.
 */
public final class MountedFiles {
    public static final String RUNTIME_CONFIG_VOLUME = "spin-runtime-config";
    public static final String RUNTIME_CONFIG_KEY = "runtime-config.toml";
    public static final String RUNTIME_CONFIG_PATH = "/runtime-config.toml";
    public static final String CA_VOLUME = "spin-ca";
    public static final String CA_KEY = "ca-certificates.crt";
    public static final String CA_PATH = "/etc/ssl/certs/ca-certificates.crt";

    private MountedFiles() {
    }
}
