package org.backprop4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code backprop4j} command; its subcommands (train, evaluate, ...) are registered here. */
@Command(name = "backprop4j",
        mixinStandardHelpOptions = true,
        version = "0.1.0",
        description = "Train neural networks by backpropagation.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, GradcheckCommand.class,
            ExplainCommand.class, GraphCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand, prints the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line: a bad value in the user's input (an {@link IllegalArgumentException})
     * is reported in one line on stderr with exit status 2, without a stack trace.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }
}
