package dev.faultline.run;

import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.TargetSpec;
import dev.faultline.scenario.Template;
import dev.faultline.target.LaunchSpec;
import dev.faultline.upstream.FakeUpstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the scenario's target into one resolved {@link LaunchSpec} per replica: ports assigned,
 * templates substituted with that replica's own upstream ports, environment assembled.
 */
final class TargetLauncher {
    private TargetLauncher() {
    }

    /** The per-replica values templates may name. */
    record ReplicaBindings(int replica, int port, Map<String, String> values) {
    }

    static List<ReplicaBindings> bindings(Scenario scenario, TargetSpec target, List<FakeUpstream> upstreams)
            throws IOException {
        List<ReplicaBindings> all = new ArrayList<>();
        for (int replica = 0; replica < target.replicas(); replica++) {
            int port = port(target.port());
            Map<String, String> values = new LinkedHashMap<>();
            for (FakeUpstream upstream : upstreams) {
                String url = upstream.url(replica);
                values.put("upstreams." + upstream.name() + ".url", url);
                values.put("upstreams." + upstream.name() + ".port", String.valueOf(upstream.ports().get(replica)));
            }
            values.put("replica", String.valueOf(replica));
            values.put("scenario.dir", scenario.dir().toString());
            if (port > 0) {
                values.put("target.port", String.valueOf(port));
            }
            all.add(new ReplicaBindings(replica, port, values));
        }
        return all;
    }

    /** The replica's base url: the scenario's {@code url}, else {@code http://127.0.0.1:PORT} when it has a port. */
    static Optional<String> url(TargetSpec target, ReplicaBindings bindings) {
        if (target.url().isPresent()) {
            return Optional.of(Templates.resolve(target.url().get(), bindings.values()));
        }
        return bindings.port() > 0 ? Optional.of("http://127.0.0.1:" + bindings.port()) : Optional.empty();
    }

    static LaunchSpec launch(TargetSpec target, TargetSpec.Command command, ReplicaBindings bindings,
                             Optional<String> url, Path logDir) {
        Map<String, String> values = new LinkedHashMap<>(bindings.values());
        url.ifPresent(u -> values.put("target.url", u));
        List<String> argv = new ArrayList<>();
        if (command instanceof TargetSpec.Command.Argv list) {
            for (Template arg : list.args()) {
                argv.add(Templates.resolve(arg, values));
            }
        } else if (command instanceof TargetSpec.Command.Shell shell) {
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(Templates.resolve(shell.script(), values));
        }
        Map<String, String> env = new LinkedHashMap<>();
        target.env().forEach((name, value) -> env.put(name, Templates.resolve(value, values)));
        if (bindings.port() > 0) {
            env.put("PORT", String.valueOf(bindings.port()));
        }
        env.put("FAULTLINE_REPLICA", String.valueOf(bindings.replica()));
        return new LaunchSpec(bindings.replica(), argv, target.workdir(), env, bindings.port(), logDir);
    }

    private static int port(TargetSpec.PortPolicy policy) throws IOException {
        if (policy instanceof TargetSpec.PortPolicy.Fixed fixed) {
            return fixed.port();
        }
        if (policy instanceof TargetSpec.PortPolicy.Auto) {
            // The kernel picks a free port; the target binds it a moment later. Another process could
            // take it in between, which the target's readiness check would then report.
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            }
        }
        return 0;
    }
}
