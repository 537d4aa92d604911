package dev.spinkube.operator.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Keeps /q/metrics valid Prometheus text (as `promtool check metrics` reads it): a HELP text may not
 * contain an escaped double quote, which some built-in meter descriptions carry, and should not be empty.
 */
public class MetricsFormat {

    @Produces
    @Singleton
    MeterFilter promtoolCleanHelpTexts() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = id.getDescription();
                String clean = description == null || description.isBlank() ? id.getName().replace('.', ' ')
                        : description.replace('"', '\'');
                return clean.equals(description) ? id
                        : new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTags()),
                                id.getBaseUnit(), clean, id.getType());
            }
        };
    }
}
