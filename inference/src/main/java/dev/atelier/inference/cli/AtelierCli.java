package dev.atelier.inference.cli;

import dev.atelier.core.error.AtelierException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code atelier} command. User mistakes and failed operations print one line ({@code atelier: …}) and exit
 * non-zero (2 usage, 1 failure, 3 daemon not running); stack traces are for bugs only.
 */
public final class AtelierCli {

    static final String USAGE = """
            usage: atelier <command> [options]

              demo [--output DIR]               run every available operation on the bundled examples
              run OP --input FILE [--mask FILE] [--set key=value]... --output FILE
                                                run one operation through the daemon (starts it if needed)
              workflow validate FILE            check a workflow file: OK and its node order, or every problem
              workflow run FILE --input FILE|DIR --output DIR [--set node.param=value]... [--parallel N]
                        [--mask FILE]           run a workflow on one image or every PNG in a folder (restartable)
              panels                            print the panel descriptors as JSON
              status                            engines, models and queue of the running daemon
              daemon [--socket PATH] [--idle-exit 30m]
                                                run the daemon in the foreground
              stop                              stop the running daemon
              install --host gimp [--prefix DIR]
                                                install a host plug-in (uninstall removes exactly that)
              models list | install NAME | import PATH --task T [--id ID] | verify [NAME] | remove NAME
                                                the model store ($ATELIER_MODELS, else ~/.local/share/atelier/models)
              bench [--runs N] [--only ipc|start|upscale|workflow|gimp]
                                                print throughput and speed figures
            operations: img2img, retouch, expand, upscale, remove-background, detect, prep-3d
            example: atelier run upscale --input in.png --set factor=2 --output out.png""";

    private AtelierCli() {}

    public static void main(String[] argv) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
        EngineLogging.quietDjl();
        System.exit(run(Arrays.asList(argv), System.out, System.err));
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty() || argv.get(0).equals("help") || argv.get(0).equals("--help") || argv.get(0).equals("-h")) {
            (argv.isEmpty() ? err : out).println(USAGE); // no command is a usage error: help goes to stderr
            return argv.isEmpty() ? 2 : 0;
        }
        String command = argv.get(0);
        List<String> rest = argv.subList(1, argv.size());
        try {
            return switch (command) {
                case "daemon" -> DaemonCommand.run(rest, out, err);
                case "run" -> RunCommand.run(rest, out, err);
                case "workflow" -> WorkflowCommand.run(rest, out, err);
                case "panels" -> InfoCommands.panels(rest, out);
                case "status" -> InfoCommands.status(rest, out);
                case "stop" -> InfoCommands.stop(rest, out);
                case "demo" -> DemoCommand.run(rest, out, err);
                case "bench" -> BenchCommand.run(rest, out);
                case "models" -> ModelsCommand.run(rest, out, err);
                case "install" -> InstallCommand.run(true, rest, out);
                case "uninstall" -> InstallCommand.run(false, rest, out);
                default -> throw new UsageException("unknown command '" + command + "' (try 'atelier help')");
            };
        } catch (UsageException e) {
            err.println("atelier: " + e.getMessage());
            return 2;
        } catch (AtelierException e) {
            err.println("atelier: " + e.getMessage() + " [" + e.code().name() + "]");
            return e.code() == dev.atelier.core.error.ErrorCode.DAEMON_UNAVAILABLE ? 3 : 1;
        } catch (java.io.IOException e) {
            err.println("atelier: " + e.getMessage());
            return 1;
        }
    }
}
