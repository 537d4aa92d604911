package dev.spinkube.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SqliteDatabaseConfig {
    @Required
    public String name;
    @Required
    public String type;
    public List<RuntimeConfigOption> options;
}
