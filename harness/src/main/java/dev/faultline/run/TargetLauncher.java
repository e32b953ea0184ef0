package dev.faultline.run;

import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.TargetSpec;
import dev.faultline.scenario.Template;
import dev.faultline.scenario.template.Bindings;
import dev.faultline.scenario.template.TemplateResolver;
import dev.faultline.target.LaunchSpec;
import dev.faultline.target.TargetMarker;
import dev.faultline.upstream.FakeUpstream;
import dev.faultline.upstream.tls.TlsFiles;

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
    record ReplicaBindings(int replica, int port, Bindings values) {
    }

    static List<ReplicaBindings> bindings(Scenario scenario, TargetSpec target, List<FakeUpstream> upstreams,
                                          Map<String, String> environment) throws IOException {
        return bindings(scenario, target, upstreams, environment, Optional.empty());
    }

    /** Like the above; {@code tls} gives the {@code ca.*} references their values (the files of the run's authority). */
    static List<ReplicaBindings> bindings(Scenario scenario, TargetSpec target, List<FakeUpstream> upstreams,
                                          Map<String, String> environment, Optional<TlsFiles> tls) throws IOException {
        List<ReplicaBindings> all = new ArrayList<>();
        for (int replica = 0; replica < target.replicas(); replica++) {
            int port = port(target.port());
            Bindings values = Bindings.empty().withEnv(environment::get).withReplica(replica).withScenarioDir(scenario.dir())
                    .with(Bindings.FAULTLINE_CLASSPATH, HarnessClasspath.json());
            // A pool's instances come in instance order, so the first port of each name is instance 0's.
            Map<String, List<Integer>> pools = new LinkedHashMap<>();
            Map<String, List<String>> urls = new LinkedHashMap<>();
            for (FakeUpstream upstream : upstreams) {
                pools.computeIfAbsent(upstream.name(), name -> new ArrayList<>()).add(upstream.ports().get(replica));
                urls.computeIfAbsent(upstream.name(), name -> new ArrayList<>()).add(upstream.url(replica));
            }
            for (Map.Entry<String, List<Integer>> pool : pools.entrySet()) {
                values = values.withUpstreamPool(pool.getKey(), urls.get(pool.getKey()), pool.getValue());
            }
            if (tls.isPresent()) {
                values = withCa(values, tls.get());
            }
            if (port > 0) {
                values = values.withTargetPort(port);
            }
            all.add(new ReplicaBindings(replica, port, values));
        }
        return all;
    }

    private static Bindings withCa(Bindings values, TlsFiles files) {
        return values.with("ca.file", files.caFile().toString())
                .with("ca.truststore", files.truststore().toString())
                .with("ca.truststore-password", files.truststorePassword())
                .with("ca.client-cert", files.clientCert().toString())
                .with("ca.client-key", files.clientKey().toString())
                .with("ca.client-keystore", files.clientKeystore().toString());
    }

    /** The replica's base url: the scenario's {@code url}, else {@code http://127.0.0.1:PORT} when it has a port. */
    static Optional<String> url(TargetSpec target, ReplicaBindings bindings) {
        if (target.url().isPresent()) {
            return Optional.of(TemplateResolver.resolve(target.url().get(), bindings.values()));
        }
        return bindings.port() > 0 ? Optional.of("http://127.0.0.1:" + bindings.port()) : Optional.empty();
    }

    /** The replica's launch; {@code marker} goes into its environment as {@link TargetMarker#VARIABLE}. */
    static LaunchSpec launch(TargetSpec target, TargetSpec.Command command, ReplicaBindings bindings,
                             Optional<String> url, Path logDir, String marker) {
        Bindings values = url.map(u -> bindings.values().withTargetUrl(u)).orElse(bindings.values());
        List<String> argv = new ArrayList<>();
        if (command instanceof TargetSpec.Command.Argv list) {
            for (Template arg : list.args()) {
                argv.add(TemplateResolver.resolve(arg, values));
            }
        } else if (command instanceof TargetSpec.Command.Shell shell) {
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(TemplateResolver.resolve(shell.script(), values));
        }
        Map<String, String> env = new LinkedHashMap<>();
        target.env().forEach((name, value) -> env.put(name, TemplateResolver.resolve(value, values)));
        if (bindings.port() > 0) {
            env.put("PORT", String.valueOf(bindings.port()));
        }
        env.put("FAULTLINE_REPLICA", String.valueOf(bindings.replica()));
        env.put(TargetMarker.VARIABLE, marker);
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
