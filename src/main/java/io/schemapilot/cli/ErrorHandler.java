package io.schemapilot.cli;

import io.schemapilot.catalog.SchemaLoadException;
import io.schemapilot.pg.DatabaseException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into one line on stderr and an exit code: usage errors (picocli's message and a hint) exit 2;
 * {@link CliException} carries its own code; {@link IllegalArgumentException} and {@link SchemaLoadException} are
 * input errors (2), {@link DatabaseException} an environment error (3), anything else an internal error (4). The
 * stack trace is printed only with {@code --stacktrace}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(usageLine(ex, name));
        err.flush();
        return ExitCode.USAGE.code();
    }

    /**
     * A usage error as the contract's one line: picocli's message, its "did you mean" suggestions and the pointer to
     * {@code --help}, e.g. {@code schemapilot: Unmatched argument at index 0: 'chek'. Did you mean: schemapilot check or
     * schemapilot chat? Try 'schemapilot --help' for more information.}
     */
    static String usageLine(ParameterException ex, String name) {
        String message = oneLine(ex.getMessage());
        StringBuilder line = new StringBuilder(name).append(": ").append(message);
        if (!message.endsWith(".") && !message.endsWith("?")) {
            line.append('.');
        }
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append(u.isUnknownOption() ? " Possible solutions: " + String.join(", ", u.getSuggestions()) + "."
                    : " Did you mean: " + String.join(" or ", u.getSuggestions()) + "?");
        }
        line.append(" Try '").append(name).append(" --help' for more information.");
        return line.toString();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        ExitCode code = exitCode(ex);
        String name = cmd.getCommandSpec().qualifiedName();
        boolean trace = stacktraceRequested(parseResult);
        String message = describe(ex);
        if (code == ExitCode.INTERNAL) {
            err.println(name + ": internal error: " + message
                    + (trace ? "" : " (a bug in schemapilot: rerun with --stacktrace and report it)"));
        } else {
            err.println(name + ": error: " + message);
        }
        if (trace) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    static ExitCode exitCode(Throwable ex) {
        if (ex instanceof CliException c) {
            return c.exitCode();
        }
        if (ex instanceof SchemaLoadException || ex instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        if (ex instanceof DatabaseException) {
            return ExitCode.ENVIRONMENT;
        }
        if (ex instanceof io.schemapilot.agent.model.ModelException m) {
            return m.exitCode() == ExitCode.ENVIRONMENT.code() ? ExitCode.ENVIRONMENT : ExitCode.FINDINGS;
        }
        return ExitCode.INTERNAL;
    }

    /** The exception's message as one line; for an internal error also its type and that of its cause. */
    static String describe(Throwable ex) {
        String msg = ex.getMessage();
        if (exitCode(ex) != ExitCode.INTERNAL) {
            return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : oneLine(msg);
        }
        if (ex instanceof CliException && ex.getCause() != null) {
            return oneLine(msg) + ": " + describe(ex.getCause());
        }
        String type = ex.getClass().getSimpleName();
        return msg == null || msg.isBlank() ? type : type + ": " + oneLine(msg);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean stacktraceRequested(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--stacktrace")) {
                return true;
            }
        }
        return false;
    }
}
