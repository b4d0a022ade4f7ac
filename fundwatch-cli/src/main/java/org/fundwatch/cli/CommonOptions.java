package org.fundwatch.cli;

import org.fundwatch.progress.ConsoleProgress;
import org.fundwatch.progress.Progress;
import picocli.CommandLine.Option;

/** Options every long-running command shares. */
final class CommonOptions {
    @Option(names = {"-q", "--quiet"}, description = "No progress bars on stderr.")
    boolean quiet;

    Progress progress() {
        return quiet ? Progress.NONE : new ConsoleProgress(System.err);
    }
}
