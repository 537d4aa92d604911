package dev.spinkube.operator.reconciler;

import java.util.LinkedHashMap;

import io.fabric8.kubernetes.api.model.ObjectMeta;

final class Annotations {
    private Annotations() {
    }

    static void ensure(ObjectMeta meta) {
        if (meta.getAnnotations() == null) {
            meta.setAnnotations(new LinkedHashMap<>());
        }
    }
}
