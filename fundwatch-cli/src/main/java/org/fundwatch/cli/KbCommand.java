package org.fundwatch.cli;

import picocli.CommandLine.Command;

/** 知识库: building and checking the knowledge base. */
@Command(name = "kb", mixinStandardHelpOptions = true,
        description = "Knowledge base (知识库): build knowledge points from the catalog.",
        subcommands = {ParseCatalogCommand.class})
final class KbCommand {
}
