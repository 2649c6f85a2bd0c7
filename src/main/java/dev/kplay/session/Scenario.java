package dev.kplay.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * The part of a scenario a new session replays: its files, then its command lines (e.g. "make",
 * "insmod hello-3.ko"). The full scenario format (options, links, the gallery) builds on this.
 */

/** Files (name → text, in order) and shell command lines. */
public record Scenario(Map<String, String> files, List<String> commands) {
    public Scenario {
        files = files == null ? Map.of() : new LinkedHashMap<>(files);
        commands = commands == null ? List.of() : List.copyOf(commands);
    }
}
