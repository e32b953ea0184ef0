package dev.faultline.scenario.parse;

import dev.faultline.scenario.ReadySpec;
import dev.faultline.scenario.Signal;
import dev.faultline.scenario.StopSpec;
import dev.faultline.scenario.TargetSpec;
import dev.faultline.scenario.TargetSpec.Command;
import dev.faultline.scenario.TargetSpec.PortPolicy;
import dev.faultline.scenario.TargetStart;
import dev.faultline.scenario.Template;
import dev.faultline.scenario.template.TemplateScope;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds the top-level {@code target}. */
final class TargetBinder {
    static final String REPLICA_VARIABLE = "FAULTLINE_REPLICA";
    static final String PORT_VARIABLE = "PORT";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> RUN_ONLY = List.of("workdir", "env", "replicas", "stop", "start");
    private static final Map<String, TargetStart> STARTS = starts();

    /**
     * What the rest of the scenario needs to know about the target, even when it has errors (so that
     * one mistake is reported once, not again by every key that depends on it).
     *
     * @param spec     the target, when valid
     * @param declared a {@code target} key is present
     * @param run      the harness starts it ({@code run} is present)
     * @param url      it has a url
     * @param replicas how many replicas (1 when not valid)
     */
    record Bound(Optional<TargetSpec> spec, boolean declared, boolean run, boolean url, int replicas) {
        static final Bound NONE = new Bound(Optional.empty(), false, false, false, 1);
    }

    private final BindContext context;
    private final Set<String> upstreams;
    private final boolean ca;

    TargetBinder(BindContext context, Set<String> upstreams) {
        this(context, upstreams, false);
    }

    /** @param ca true when an upstream speaks TLS, so the {@code ca.*} references have values */
    TargetBinder(BindContext context, Set<String> upstreams, boolean ca) {
        this.context = context;
        this.upstreams = upstreams;
        this.ca = ca;
    }

    Bound bind(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "run", "workdir", "env", "port", "url", "replicas", "ready", "stop",
                "start", "insecure");
        if (opened.isEmpty()) {
            return new Bound(Optional.empty(), true, false, false, 1);
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        boolean run = f.has("run");
        boolean url = f.has("url");
        if (!run && !url && !f.hasUnknownKeys()) {
            f.problem("a target needs run or url (run to start it, url to drive one that is already running)");
        }
        int replicas = (int) f.integer("replicas", Range.between(1, 100), "a number of replicas").orElse(1);
        if (replicas > 1) {
            context.use("target.replicas", f, "replicas");
        }
        if (!run) {
            for (String key : f.present(RUN_ONLY.toArray(String[]::new))) {
                f.problemAt(key, "applies only to a target the harness starts (add run, or remove " + key + ")");
            }
        }
        PortPolicy port = f.get("port").flatMap(n -> port(n, f, replicas, run)).orElse(new PortPolicy.None());
        // A port written wrongly still counts as present, so ${target.port} is not reported as well.
        TemplateScope scope = new TemplateScope(upstreams, f.has("port"), url, false, ca);
        Optional<Command> command = f.get("run").flatMap(n -> command(n, f.at("run"), scope));
        Path workdir = f.get("workdir").flatMap(n -> workdir(n, f.at("workdir"))).orElse(context.scenarioDir());
        Map<String, Template> env = f.get("env").map(n -> env(n, f.at("env"), scope, f.has("port"))).orElse(Map.of());
        Optional<Template> urlTemplate = f.get("url").flatMap(n -> url(n, f.at("url"), scope.forTargetUrl()));
        ReadyBinder.Offers offers = new ReadyBinder.Offers(run, url, f.has("port"));
        ReadySpec ready = f.get("ready").flatMap(n -> ReadyBinder.bind(n, f.at("ready"), offers, context))
                .orElse(new ReadySpec.Immediately());
        StopSpec stop = f.get("stop").flatMap(n -> stop(n, f.at("stop"))).orElse(StopSpec.DEFAULT);
        TargetStart start = f.choice("start", "a target start", STARTS)
                .orElseGet(() -> TargetStart.defaultFor(ready, port, url));
        boolean insecure = f.bool("insecure").orElse(false);
        if (f.has("insecure") && !url) {
            f.problemAt("insecure", "applies only to a target with a url (the harness's load and probes connect to"
                    + " target.url; add url, or remove insecure)");
        }
        if (context.problems().count() > errors) {
            return new Bound(Optional.empty(), true, run, url, replicas);
        }
        TargetSpec spec = new TargetSpec(command, workdir, env, port, urlTemplate, replicas, ready, stop, start, insecure);
        return new Bound(Optional.of(spec), true, run, url, replicas);
    }

    private static Map<String, TargetStart> starts() {
        Map<String, TargetStart> starts = new LinkedHashMap<>();
        for (TargetStart start : TargetStart.values()) {
            starts.put(start.word(), start);
        }
        return starts;
    }

    private Optional<PortPolicy> port(Node node, Fields f, int replicas, boolean run) {
        KeyPath path = f.at("port");
        if (node instanceof Node.Scalar scalar && scalar.kind() == Node.ScalarKind.STRING) {
            if (!scalar.text().equals("auto")) {
                f.problemAt("port", Messages.quote(scalar.text()) + " is not a port (expected auto or a port number from"
                        + " 1 to 65535)");
                return Optional.empty();
            }
            if (!run) {
                f.problemAt("port", "port: auto applies only to a target the harness starts (add run, or give the port"
                        + " of the running target as a number)");
                return Optional.empty();
            }
            return Optional.of(new PortPolicy.Auto());
        }
        OptionalLong number = context.values().integer(node, path, Range.between(1, 65535), "auto or a port number");
        if (number.isEmpty()) {
            return Optional.empty();
        }
        if (replicas > 1) {
            f.problemAt("port", "port " + number.getAsLong() + " is fixed but replicas is " + replicas
                    + " (each replica needs its own port; use port: auto)");
            return Optional.empty();
        }
        return Optional.of(new PortPolicy.Fixed((int) number.getAsLong()));
    }

    private Optional<Command> command(Node node, KeyPath path, TemplateScope scope) {
        if (node instanceof Node.Sequence sequence) {
            if (sequence.items().isEmpty()) {
                context.problems().add(node.location(), path, "is empty (expected the command and its arguments, such as"
                        + " [java, Service.java])");
                return Optional.empty();
            }
            List<Template> args = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < sequence.items().size(); i++) {
                Optional<Template> arg = Templates.bind(sequence.items().get(i), path.index(i), scope, context);
                arg.ifPresent(args::add);
                ok &= arg.isPresent();
            }
            return ok ? Optional.of(new Command.Argv(args)) : Optional.empty();
        }
        if (node instanceof Node.Scalar scalar && scalar.kind() != Node.ScalarKind.NULL) {
            if (scalar.text().isBlank()) {
                context.problems().add(node.location(), path, "is empty (expected a command: a list such as"
                        + " [java, Service.java], or one string run by /bin/sh -c)");
                return Optional.empty();
            }
            return Templates.bind(node, path, scope, context).map(Command.Shell::new);
        }
        context.problems().add(node.location(), path, Messages.expected(
                "a command (a list such as [java, Service.java], or one string run by /bin/sh -c)", node));
        return Optional.empty();
    }

    private Optional<Path> workdir(Node node, KeyPath path) {
        return context.values().nonBlank(node, path, "a folder relative to the scenario folder, such as .")
                .flatMap(written -> ScenarioFolder.resolve(written, ScenarioFolder.Kind.FOLDER, "workdir", node, path, context));
    }

    private Map<String, Template> env(Node node, KeyPath path, TemplateScope scope, boolean hasPort) {
        if (!(node instanceof Node.Mapping mapping)) {
            context.problems().add(node.location(), path, Messages.expected("a mapping of variable names to values", node));
            return Map.of();
        }
        Map<String, Template> env = new LinkedHashMap<>();
        for (Node.Entry entry : mapping.entries()) {
            String name = entry.key();
            KeyPath at = path.child(name);
            if (!ENV_NAME.matcher(name).matches()) {
                context.problems().add(entry.keyLocation(), at, Messages.quote(name) + " is not an environment variable"
                        + " name (use letters, digits and _, not starting with a digit)");
            } else if (name.equals(REPLICA_VARIABLE)) {
                context.problems().add(entry.keyLocation(), at, REPLICA_VARIABLE + " is set by the harness for each"
                        + " replica (remove it; use ${replica} in other values)");
            } else if (name.equals(PORT_VARIABLE) && hasPort) {
                context.problems().add(entry.keyLocation(), at, PORT_VARIABLE + " is set by the harness to the target's"
                        + " port (remove it; use ${target.port} in other values)");
            }
            Templates.bind(entry.value(), at, scope, context).ifPresent(t -> env.put(name, t));
        }
        return env;
    }

    private Optional<Template> url(Node node, KeyPath path, TemplateScope scope) {
        Optional<Template> url = Templates.bind(node, path, scope, context);
        if (url.isPresent()) {
            String raw = url.get().raw();
            if (!raw.startsWith("http://") && !raw.startsWith("https://") && !raw.startsWith("${")) {
                context.problems().add(node.location(), path, Messages.quote(raw) + " is not an http url (expected"
                        + " http://HOST:PORT, such as http://127.0.0.1:${target.port})");
                return Optional.empty();
            }
        }
        return url;
    }

    private Optional<StopSpec> stop(Node node, KeyPath path) {
        Optional<Fields> opened = context.open(node, path, "signal", "grace");
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Fields f = opened.get();
        int errors = context.problems().count();
        Signal signal = f.get("signal").flatMap(n -> Signals.bind(n, f.at("signal"), context)).orElse(Signal.TERM);
        Duration grace = f.duration("grace").orElse(StopSpec.DEFAULT.grace());
        return context.problems().count() > errors ? Optional.empty() : Optional.of(new StopSpec(signal, grace));
    }
}
