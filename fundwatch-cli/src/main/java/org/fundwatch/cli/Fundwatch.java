package org.fundwatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fundwatch} command line: one subcommand per job. */
@Command(name = "fundwatch", mixinStandardHelpOptions = true, version = "Fundwatch 0.1.0",
        description = "Intelligent supervision of medical-insurance funds (医保基金智能监管).",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, GenerateCommand.class,
                IngestCommand.class, ScreenCommand.class, ServeCommand.class, EvaluateCommand.class, KbCommand.class,
                SchemaCommand.class, BenchCommand.class})
public final class Fundwatch {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
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
