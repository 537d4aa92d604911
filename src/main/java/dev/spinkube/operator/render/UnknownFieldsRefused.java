package dev.spinkube.operator.render;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;

/**
 * kubectl's strict field validation when reading manifests: a field that is not in the schema is an error, not
 * ignored. fabric8's model classes (ObjectMeta, Container, Probe, Affinity, ...) keep unknown fields in an
 * {@code additionalProperties} map instead of failing; dropping that any-setter lets
 * {@code FAIL_ON_UNKNOWN_PROPERTIES} refuse them. Free-form maps (labels, annotations, nodeSelector, data) are
 * maps, not beans, and keep any key.
 */
final class UnknownFieldsRefused extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
            BeanDeserializerBuilder builder) {
        builder.setAnySetter(null);
        builder.setIgnoreUnknownProperties(false);
        return builder;
    }
}
