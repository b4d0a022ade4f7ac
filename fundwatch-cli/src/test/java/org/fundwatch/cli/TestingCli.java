package org.fundwatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code fundwatch} command line in the test's JVM and captures what it printed. */
final class TestingCli {

    /** The exit code and what went to stdout and stderr. */
    record Run(int exitCode, String out, String err) {
    }

    private TestingCli() {
    }

    static Run run(String... args) {
        CommandLine cl = Fundwatch.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
