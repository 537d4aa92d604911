package dev.spinkube.operator.spin;

import java.util.Comparator;

/**
 * One key of a Secret or ConfigMap that a SpinApp or its executor refers to. The operator reads
 * these (never whole namespaces of Secrets) and rolls the pods when their content changes.
 */
public record DataRef(Kind kind, String name, String key, boolean optional) implements Comparable<DataRef> {

    public enum Kind {
        Secret,
        ConfigMap
    }

    public static DataRef secret(String name, String key, Boolean optional) {
        return new DataRef(Kind.Secret, name, key, Boolean.TRUE.equals(optional));
    }

    public static DataRef configMap(String name, String key, Boolean optional) {
        return new DataRef(Kind.ConfigMap, name, key, Boolean.TRUE.equals(optional));
    }

    /** How the reference reads in messages: {@code Secret "creds" key "password"}. */
    public String describe() {
        return kind + " \"" + name + "\" key \"" + key + "\"";
    }

    /**
     * Consistent with {@code equals}: a required and an optional reference to the same key are two references, so
     * a sorted set keeps the required one (and its {@code MissingReference}) beside the optional one.
     */
    @Override
    public int compareTo(DataRef o) {
        return ORDER.compare(this, o);
    }

    private static final Comparator<DataRef> ORDER = Comparator.comparing(DataRef::kind).thenComparing(DataRef::name)
            .thenComparing(DataRef::key).thenComparing(DataRef::optional);
}
