package dev.spinkube.operator.spin;

/** The app's HTTP port: named on the Spin container, reached through the Service. */
public final class Ports {
    /** The name of the Spin container's port, which the Service targets (its number follows the listen address). */
    public static final String HTTP_NAME = "http-app";
    public static final int SERVICE = 80;

    private Ports() {
    }
}
