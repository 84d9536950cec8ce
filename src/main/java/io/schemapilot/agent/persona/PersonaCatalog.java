package io.schemapilot.agent.persona;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The personas available to a session: load results from several places in priority order ({@code --personas}
 * folders, {@code .claude/agents} of the project, of the user, then the built-in {@code prompts/}); a name found
 * more than once resolves to the first, and the others are noted as shadowed.
 */
public final class PersonaCatalog {

    private final List<PersonaLoadResult> results;
    private final Map<String, Persona> byName;
    private final List<String> notes;

    private PersonaCatalog(List<PersonaLoadResult> results, Map<String, Persona> byName, List<String> notes) {
        this.results = List.copyOf(results);
        this.byName = byName;
        this.notes = List.copyOf(notes);
    }

    /** @param resultsInPriorityOrder results, highest priority first */
    public static PersonaCatalog of(List<PersonaLoadResult> resultsInPriorityOrder) {
        Map<String, Persona> byName = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (PersonaLoadResult r : resultsInPriorityOrder) {
            if (!r.ok()) {
                continue;
            }
            Persona p = r.persona();
            Persona earlier = byName.get(p.name());
            if (earlier == null) {
                byName.put(p.name(), p);
            } else {
                notes.add("persona '" + p.name() + "' in " + p.source() + " is shadowed by the one in " + earlier.source());
            }
        }
        return new PersonaCatalog(resultsInPriorityOrder, byName, notes);
    }

    /** Every load result, in load order (failures included). */
    public List<PersonaLoadResult> results() {
        return results;
    }

    /** The personas that won their name, in priority order. */
    public List<Persona> personas() {
        return List.copyOf(byName.values());
    }

    /** The results that are errors. */
    public List<PersonaLoadResult> failures() {
        List<PersonaLoadResult> out = new ArrayList<>();
        for (PersonaLoadResult r : results) {
            if (!r.ok()) {
                out.add(r);
            }
        }
        return out;
    }

    /** Names shadowed by a higher-priority persona of the same name. */
    public List<String> notes() {
        return notes;
    }

    /** By name; also accepts the display name or any spelling that slugs to the name ({@code "Migration Planner"}). */
    public Optional<Persona> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Persona p = byName.get(name);
        if (p == null) {
            p = byName.get(PersonaLoader.slug(name));
        }
        if (p == null) {
            for (Persona q : byName.values()) {
                if (q.displayName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    p = q;
                    break;
                }
            }
        }
        return Optional.ofNullable(p);
    }
}
