package dev.faultline.cli;

import dev.faultline.report.TerminalText;
import dev.faultline.journal.JournalJson;
import dev.faultline.upstream.HotPathWarmUp;
import dev.faultline.run.RunControl;
import dev.faultline.run.RuntimeSupport;
import dev.faultline.run.ServeSession;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import dev.faultline.upstream.control.ControlServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code faultline serve FILE}: only the fake upstreams, with a control API. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a scenario's fake upstreams for a system that runs elsewhere.",
                "Plays the phases in order, then holds the last one until stopped (Ctrl-C). The target, load, probes and"
                        + " expectations of the file are not used. A control API (127.0.0.1 unless told otherwise) reports"
                        + " status, switches phases, streams the journal and resets it:",
                "  GET  /status",
                "  POST /phase/NAME",
                "  GET  /journal?upstream=NAME&since=SECONDS&after=SEQ&limit=N",
                "  POST /reset"})
final class ServeCommand implements Callable<Integer> {
    private final HarnessContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The scenario file.")
    Path file;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the fake upstreams listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--control-host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address of the control API (default: ${DEFAULT-VALUE}); any other address needs --control-token.")
    String controlHost;

    @Option(names = "--control-port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of the control API (default: a free one, printed at start).")
    int controlPort;

    @Option(names = "--control-token", paramLabel = "TOKEN",
            description = "Require 'Authorization: Bearer TOKEN' on every control request (also FAULTLINE_CONTROL_TOKEN).")
    String token;

    @Option(names = "--warm-up", paramLabel = "SECONDS", defaultValue = "0",
            description = "Before listening, run the request path hot for at most SECONDS, so the JIT compiles it before"
                    + " the first client rather than during its first seconds (default: ${DEFAULT-VALUE}, none).")
    double warmUpSeconds;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every random choice, instead of the scenario's.")
    Long seed;

    @Option(names = "--journal", paramLabel = "FILE", description = "Write the journal as JSON lines to FILE when stopped.")
    Path journalFile;

    @Option(names = "--journal-max-bytes", paramLabel = "BYTES",
            description = "Bound of the journal's estimated heap, instead of the scenario's journal.max-bytes (default"
                    + " 268435456, 256 MiB). Past it, or past journal.max-events, the oldest events are evicted.")
    Long journalMaxBytes;

    ServeCommand(HarnessContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        LoadOutcome result = ScenarioFiles.load(new ScenarioLoader(), context, file);
        if (result instanceof LoadOutcome.Invalid bad) {
            ScenarioFiles.errors(bad, context, file).forEach(err::println);
            return ExitCodes.INVALID;
        }
        Scenario scenario = ((LoadOutcome.Loaded) result).scenario();
        String opened = ScenarioFiles.open(context, file).toString();
        List<String> unsupported = RuntimeSupport.unsupported(scenario).stream()
                .filter(line -> line.contains(": phases.faults") || line.contains("not supported yet: phases.faults"))
                .map(line -> ScenarioFiles.relabel(line, opened, file)).toList();
        if (!unsupported.isEmpty()) {
            unsupported.forEach(err::println);
            return ExitCodes.INVALID;
        }
        if (scenario.upstreams().isEmpty()) {
            err.println("faultline: " + file + " declares no upstreams: there is nothing to serve");
            return ExitCodes.INVALID;
        }
        // A pool's instances are not served yet: refusing beats serving one instance as if it were the pool.
        for (dev.faultline.upstream.spec.UpstreamSpec upstream : scenario.upstreams().values()) {
            if (upstream.instances() > 1) {
                err.println("faultline: " + file + ": upstream " + upstream.name() + " has instances: " + upstream.instances()
                        + ", but serve starts one instance per upstream (run pools with faultline run)");
                return ExitCodes.INVALID;
            }
        }
        if (!(warmUpSeconds >= 0 && warmUpSeconds <= 600)) {
            err.println("faultline: --warm-up " + warmUpSeconds + " is out of range (expected seconds from 0 to 600,"
                    + " e.g. 10; 0 skips the warm-up)");
            return ExitCodes.INVALID;
        }
        if (journalMaxBytes != null && journalMaxBytes < 1) {
            err.println("faultline: --journal-max-bytes " + journalMaxBytes + " is out of range (expected a number of bytes"
                    + " of at least 1, e.g. 268435456 for 256 MiB)");
            return ExitCodes.INVALID;
        }
        long maxBytes = journalMaxBytes != null ? journalMaxBytes : scenario.journalMaxBytes();
        String bearer = token != null ? token : context.env().get("FAULTLINE_CONTROL_TOKEN");
        long effectiveSeed = seed != null ? seed : scenario.seed().orElseGet(() -> new SecureRandom().nextLong() & Long.MAX_VALUE);
        RunControl control = context.newRun();
        // Off by default: it costs seconds before listening, and its gain was clear only on a quiet machine (RESULTS.md §1, 2026-12-07).
        if (warmUpSeconds > 0) {
            HotPathWarmUp.run(java.time.Duration.ofMillis((long) (warmUpSeconds * 1000)));
        }
        try (ServeSession session = ServeSession.start(scenario, effectiveSeed, host, maxBytes, err, context.env()::get);
             ControlServer api = ControlServer.start(controlHost, controlPort, bearer, session)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("faultline: serving \"" + TerminalText.line(scenario.name()) + "\" (seed " + effectiveSeed + ")");
            session.urls().forEach((name, url) -> out.println("  upstream " + name + ": " + url
                    + session.proxiesTo(name).map(dependency -> " (forwarding unrouted requests to " + dependency + ")").orElse("")));
            out.println("  control API: " + api.url() + (bearer == null ? "" : " (token required)"));
            out.flush();
            session.play(control);
            err.println("faultline: stopping");
            // An exchange is journaled when its response's write completes, which can be a moment after
            // the client has read it: stop the upstreams (joining their threads) before the journal is read.
            session.close();
            if (journalFile != null) {
                Path target = journalFile.isAbsolute() ? journalFile : context.workingDir().resolve(journalFile);
                JournalJson.write(session.events(), target);
                err.println("faultline: journal written to " + journalFile);
            }
            return ExitCodes.HELD;
        } catch (IllegalArgumentException | dev.faultline.scenario.template.TemplateException e) {
            err.println("faultline: " + e.getMessage());
            return ExitCodes.INVALID;
        } catch (IOException e) {
            err.println("faultline: " + e.getMessage());
            return ExitCodes.ERROR;
        }
    }
}
