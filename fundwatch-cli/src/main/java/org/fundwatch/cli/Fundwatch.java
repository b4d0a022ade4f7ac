package org.fundwatch.cli;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fundwatch} command line: one subcommand per job. */
@Command(name = "fundwatch", mixinStandardHelpOptions = true, version = "Fundwatch 0.1.0",
        description = "Intelligent supervision of medical-insurance funds (医保基金智能监管).",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, GenerateCommand.class,
                IngestCommand.class, ScreenCommand.class, LoadCommand.class, WorkflowCommand.class, ServeCommand.class, EvaluateCommand.class, KbCommand.class,
                SchemaCommand.class, BenchCommand.class})
public final class Fundwatch {

    public static void main(String[] args) {
        quietLibraries();
        System.exit(commandLine().execute(args));
    }

    /**
     * Libraries (the embedded PostgreSQL, Flyway, the pool) log at INFO to stdout by default, which would mix with
     * the command's own output: only their warnings reach stderr. {@code fundwatch serve} sets up its own logging.
     */
    private static void quietLibraries() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Fundwatch());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("fundwatch " + commandLine.getCommandName() + ": " + e.getMessage());
            if (System.getenv("FUNDWATCH_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 2;
        });
        return cl;
    }
}
