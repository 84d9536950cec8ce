package io.schemapilot.sql;

import java.util.List;

/**
 * A column type as written, normalised: {@code name} is the canonical PostgreSQL name ({@code integer, bigint,
 * smallint, numeric, varchar, char, text, timestamp, timestamptz, time, timetz, json, jsonb, boolean, serial,
 * bigserial, smallserial, ...}) and {@code modifiers} its typmods ({@code varchar(20)} has [20]).
 */
public record TypeName(String name, List<Integer> modifiers, boolean array, String written) {

    public static TypeName of(String name, Integer... mods) {
        return new TypeName(name, List.of(mods), false, name);
    }

    public boolean isSerial() {
        return name.equals("serial") || name.equals("bigserial") || name.equals("smallserial");
    }

    public boolean isBoundedChar() {
        return (name.equals("varchar") || name.equals("char")) && !array && (!modifiers.isEmpty() || name.equals("char"));
    }

    public boolean isIntegerKeyNarrow() {
        return name.equals("integer") || name.equals("smallint") || name.equals("serial") || name.equals("smallserial");
    }

    /** The type with modifiers in canonical spelling, e.g. {@code varchar(20)} or {@code numeric(10,2)[]}. */
    public String canonical() {
        StringBuilder sb = new StringBuilder(name);
        if (!modifiers.isEmpty()) {
            sb.append('(');
            for (int i = 0; i < modifiers.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(modifiers.get(i));
            }
            sb.append(')');
        }
        if (array) {
            sb.append("[]");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
