package dev.spinkube.operator.runtimeconfig;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The small part of TOML the runtime config needs: tables of string values. Strings are written as
 * literal strings ('...') when they can be, as basic strings with escapes otherwise, the way Spin's
 * own tooling writes them.
 * <p>
 * Not Jackson's TOML generator (jackson-dataformat-toml 2.19): it writes nested objects as dotted keys
 * ({@code key_value_store.default.type = 'redis'}) and lists of objects as inline arrays, never {@code [table]}
 * or {@code [[array]]} headers, and it quotes differently (non-bare keys as '...', a carriage return as a hex
 * escape, hex in lower case, a tab in a basic string unescaped). Its output would change every runtime config,
 * and with it the content-addressed name of every runtime-config Secret: a rollout of each such app on upgrade.
 * {@code TomlWriterTest} reads what this writes back with Jackson's TOML parser.
 */
final class TomlWriter {
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private final StringBuilder out = new StringBuilder();

    TomlWriter arrayTable(String name) {
        separate();
        out.append("[[").append(key(name)).append("]]\n");
        return this;
    }

    TomlWriter table(String... path) {
        separate();
        out.append('[');
        for (int i = 0; i < path.length; i++) {
            out.append(i == 0 ? "" : ".").append(key(path[i]));
        }
        out.append("]\n");
        return this;
    }

    TomlWriter values(Map<String, String> values) {
        values.forEach((k, v) -> out.append(key(k)).append(" = ").append(string(v)).append('\n'));
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (out.length() > 0) {
            out.append('\n');
        }
    }

    static String key(String k) {
        return BARE_KEY.matcher(k).matches() ? k : basic(k);
    }

    static String string(String s) {
        boolean literalOk = s.chars().noneMatch(c -> c == '\'' || c < 0x20 && c != '\t' || c == 0x7f);
        return literalOk ? "'" + s + "'" : basic(s);
    }

    private static String basic(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
