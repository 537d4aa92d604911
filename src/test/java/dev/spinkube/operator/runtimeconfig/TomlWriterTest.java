package dev.spinkube.operator.runtimeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

/** What the runtime config's TomlWriter writes reads back, with Jackson's TOML parser, as what it was given. */
class TomlWriterTest {
    static final TomlMapper TOML = new TomlMapper();

    @Test
    void tablesArrayTablesAndValuesReadBackAsWritten() throws Exception {
        String toml = new TomlWriter().arrayTable("config_provider").values(Map.of("type", "env"))
                .table("key_value_store").table("key_value_store", "my.store").values(Map.of("url", "redis://r"))
                .toString();
        JsonNode tree = TOML.readTree(toml);
        assertEquals("env", tree.get("config_provider").get(0).get("type").asText());
        assertEquals("redis://r", tree.get("key_value_store").get("my.store").get("url").asText());
    }

    @Test
    void everyCharacterInANameOrValueReadsBackAsWritten() throws Exception {
        for (char c = 0; c < 0x3000; c++) {
            if (Character.isSurrogate(c)) {
                continue;
            }
            String s = "a" + c + "'\"\\" + c;
            String toml = new TomlWriter().table("t", s).values(Map.of(s, s)).toString();
            assertEquals(s, TOML.readTree(toml).get("t").get(s).get(s).asText(), () -> "U+%04X in %s".formatted(
                    (int) s.charAt(1), toml));
        }
    }
}
