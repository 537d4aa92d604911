package dev.spinkube.operator.desired;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Owner references: deleting a SpinApp lets the garbage collector remove what was made for it. */
final class Owners {
    private Owners() {
    }

    /** A controller reference to the owner, or none when the owner has no uid yet (offline render). */
    static List<OwnerReference> controlledBy(HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        if (uid == null || uid.isEmpty()) {
            return List.of();
        }
        return List.of(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(uid).withController(true)
                .withBlockOwnerDeletion(true).build());
    }
}
