package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers {@code --help} with exit 0, a usage text and nothing on stderr. */
class CommandHelpTest {

    @Test
    void everyCommandAndSubcommand_answersHelp_cleanly() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new ShopsenseCli()), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(12).contains(List.of("ads", "evaluate"), List.of("logs"));

        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            PrintStream previousOut = System.out;
            PrintStream previousErr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit;
            PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
            PrintStream previousTrace = traceTo(errors);
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(errors);
                exit = ShopsenseCli.run(args.toArray(String[]::new));
            } finally {
                System.setOut(previousOut);
                System.setErr(previousErr);
                traceTo(previousTrace);
            }
            String name = String.join(" ", args);
            assertThat(exit).as(name).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(name).startsWith("Usage: shopsense")
                    .doesNotContain("%n").doesNotContain("%s");
            assertThat(err.toString(StandardCharsets.UTF_8)).as(name + " stderr").isEmpty();
        }
    }

    /**
     * picocli warns about a help text it cannot format (a bare {@code %}) through its tracer, whose stream is the
     * stderr of when picocli was loaded; points it at {@code stream} and returns the previous one.
     */
    private static PrintStream traceTo(PrintStream stream) {
        try {
            java.lang.reflect.Method tracer = CommandLine.class.getDeclaredMethod("tracer");
            tracer.setAccessible(true);
            Object instance = tracer.invoke(null);
            java.lang.reflect.Field field = instance.getClass().getDeclaredField("stream");
            field.setAccessible(true);
            PrintStream previous = (PrintStream) field.get(instance);
            field.set(instance, stream);
            return previous;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("picocli's tracer moved; update this test", e);
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) {
                return; // an alias of a subcommand already walked
            }
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            collect(sub, deeper, paths);
        });
    }
}
