package org.backprop4j.cli;

import org.backprop4j.train.NonFiniteException;
import org.backprop4j.train.TrainingInterruptedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code backprop4j} command; its subcommands (train, evaluate, ...) are registered here. */
@Command(name = "backprop4j",
        mixinStandardHelpOptions = true,
        version = "0.1.0",
        description = "Train neural networks by backpropagation.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, GradcheckCommand.class,
            ExplainCommand.class, GraphCommand.class, BenchCommand.class, ExportCommand.class})
public final class Main implements Runnable {
    /** The longest error message printed, in characters. */
    static final int MAX_MESSAGE = 400;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace too (before or after the subcommand).")
    boolean debug;

    /** Without a subcommand, prints the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        int status;
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        // the kernel line only when it says something to act on (a slower set) or when asked for
        org.backprop4j.kernel.Kernels.logChoiceTo(line -> {
            if (debug || !line.endsWith("using the vector kernels")) {
                System.err.println(line);
            }
        });
        try {
            status = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // the inputs' sizes are checked before allocation; this is the last line of defence
            System.err.println("error: out of memory (the JVM has " + org.backprop4j.ndarray.MemoryBudget.size(
                    Runtime.getRuntime().maxMemory()) + "); raise -Xmx or use smaller inputs");
            status = 2;
        }
        System.exit(status);
    }

    /**
     * The configured command line: a bad value in the user's input (an {@link IllegalArgumentException},
     * an unreadable file, a diverged training run) is reported in one line on stderr with exit status
     * 2, Ctrl-C during training gives status 130, and any other failure a one-line internal error with
     * status 1; only {@code --debug} adds the stack trace.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine at = e.getCommandLine();
            at.getErr().println("error: " + oneLine(e.getMessage()) + " (see " + at.getCommandSpec().qualifiedName()
                    + " --help)");
            at.getErr().flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            java.io.PrintWriter err = commandLine.getErr();
            int status;
            if (e instanceof TrainingInterruptedException) {
                err.println(e.getMessage());
                status = 130;
            } else if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException
                    || e instanceof NonFiniteException) {
                err.println("error: " + oneLine(e.getMessage()));
                status = 2;
            } else {
                err.println("error: internal error: " + oneLine(String.valueOf(e))
                        + (debug(cl.getParseResult()) ? "" : " (run with --debug for the stack trace)"));
                status = 1;
            }
            if (debug(cl.getParseResult())) {
                e.printStackTrace(err);
            }
            err.flush();
            return status;
        });
        return cl;
    }

    /** Whether --debug was given at any level of the command line. */
    private static boolean debug(ParseResult pr) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The message on one line, cut to {@link #MAX_MESSAGE} characters so that a hostile input cannot flood the terminal. */
    static String oneLine(String s) {
        String line = s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= MAX_MESSAGE ? line
                : line.substring(0, MAX_MESSAGE) + "... (" + (line.length() - MAX_MESSAGE) + " more characters)";
    }
}
