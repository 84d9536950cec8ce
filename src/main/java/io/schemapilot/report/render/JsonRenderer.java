package io.schemapilot.report.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.schemapilot.report.CheckReport;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Json;
import io.schemapilot.report.ParseError;
import io.schemapilot.report.UnusedIgnore;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The contract's {@code check --format json} object (CLI-AND-REPORT.md), pretty-printed, one trailing newline.
 *
 * <p>Written field by field with Jackson's streaming generator and its default pretty printer: the same bytes as
 * {@code Json.write(report)} (the data-bound mapper, which still writes reports with data checks), without the
 * mapper's reflective set-up, which costs a short CLI run about 0.2 s.
 */
public final class JsonRenderer {
    private static final JsonFactory FACTORY = new JsonFactory();

    public String render(CheckReport report) {
        if (report.dataChecks() != null && !report.dataChecks().isEmpty()) {
            return Json.write(report) + "\n";
        }
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("tool", report.tool());
            g.writeStringField("version", report.version());
            g.writeStringField("pg_version", report.pgVersion());
            g.writeFieldName("files");
            if (report.files() == null) {
                g.writeNull();
            } else {
                g.writeStartArray();
                for (FileReport f : report.files()) {
                    file(g, f);
                }
                g.writeEndArray();
            }
            g.writeFieldName("max_risk");
            if (report.maxRisk() == null) {
                g.writeNull();
            } else {
                g.writeString(report.maxRisk().id());
            }
            if (report.assumptions() != null && !report.assumptions().isEmpty()) {
                g.writeFieldName("assumptions");
                g.writeStartArray();
                for (String a : report.assumptions()) {
                    g.writeString(a);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static void file(JsonGenerator g, FileReport f) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", f.path());
        g.writeNumberField("statements", f.statements());
        g.writeFieldName("parse_errors");
        list(g, f.parseErrors(), JsonRenderer::parseError);
        g.writeFieldName("findings");
        list(g, f.findings(), JsonRenderer::finding);
        if (f.unusedIgnores() != null && !f.unusedIgnores().isEmpty()) {
            g.writeFieldName("unused_ignores");
            list(g, f.unusedIgnores(), JsonRenderer::unusedIgnore);
        }
        if (f.error() != null) {
            g.writeStringField("error", f.error());
        }
        g.writeEndObject();
    }

    private static void parseError(JsonGenerator g, ParseError e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("statement", e.statement());
        g.writeNumberField("line", e.line());
        g.writeNumberField("column", e.column());
        g.writeStringField("message", e.message());
        g.writeEndObject();
    }

    private static void unusedIgnore(JsonGenerator g, UnusedIgnore u) throws IOException {
        g.writeStartObject();
        g.writeNumberField("line", u.line());
        g.writeStringField("hazard", u.hazard());
        g.writeStringField("reason", u.reason());
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("hazard", f.hazard());
        g.writeFieldName("risk");
        if (f.risk() == null) {
            g.writeNull();
        } else {
            g.writeString(f.risk().id());
        }
        g.writeNumberField("statement", f.statement());
        g.writeNumberField("line", f.line());
        g.writeNumberField("column", f.column());
        g.writeStringField("object", f.object());
        g.writeFieldName("lock");
        if (f.lock() == null) {
            g.writeNull();
        } else {
            g.writeString(f.lock().sqlName());
        }
        g.writeBooleanField("rewrite", f.rewrite());
        g.writeStringField("message", f.message());
        g.writeStringField("help", f.help());
        if (f.fix() != null) {
            g.writeStringField("fix", f.fix());
        }
        g.writeEndObject();
    }

    private interface Writer<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }

    private static <T> void list(JsonGenerator g, List<T> items, Writer<T> each) throws IOException {
        if (items == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (T item : items) {
            each.write(g, item);
        }
        g.writeEndArray();
    }
}
