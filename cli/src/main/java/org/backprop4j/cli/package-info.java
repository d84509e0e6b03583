/**
 * The {@code backprop4j} command line: a picocli top-level command and its subcommands, thin
 * users of the core library.
 */
package org.backprop4j.cli;
