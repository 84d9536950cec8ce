package io.schemapilot.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One hazard found in one statement: the contract's finding object (CLI-AND-REPORT.md).
 *
 * @param hazard    id from {@code hazard-ids.json}
 * @param statement 1-based statement number in its file
 * @param line      1-based line where the statement starts
 * @param object    the object concerned, schema-qualified ("public.orders"), or null
 * @param lock      the strongest table lock the statement takes on {@code object}, or null
 * @param fix       optional SQL that does the same thing safely
 */
@JsonPropertyOrder({"hazard", "risk", "statement", "line", "column", "object", "lock", "rewrite", "message", "help", "fix"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Finding(
        String hazard,
        Risk risk,
        int statement,
        int line,
        int column,
        String object,
        LockMode lock,
        boolean rewrite,
        String message,
        String help,
        String fix) {

    /** The statement excerpt is not part of the JSON contract; renderers take it from the file report. */
    @JsonProperty("fix")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String fix() {
        return fix;
    }

    public Finding withRisk(Risk newRisk) {
        return new Finding(hazard, newRisk, statement, line, column, object, lock, rewrite, message, help, fix);
    }

    public Finding withMessage(String newMessage) {
        return new Finding(hazard, risk, statement, line, column, object, lock, rewrite, newMessage, help, fix);
    }
}
