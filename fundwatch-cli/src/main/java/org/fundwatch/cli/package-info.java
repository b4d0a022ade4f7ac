/**
 * The {@code fundwatch} command line ({@code bin/fundwatch}): one picocli command per job, each a thin wiring of a
 * module's public API, with progress bars on stderr.
 */
package org.fundwatch.cli;
