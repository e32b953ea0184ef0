package dev.faultline.scenario.template;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The values a run gives to template references: a map from reference names
 * ({@code upstreams.payments.url}, {@code target.port}, {@code replica}, {@code scenario.dir}) to
 * values, plus a lookup for {@code env.VAR}. Immutable; each {@code with...} returns a copy, so one
 * run-wide instance can be extended per replica.
 */
public final class Bindings {
    /** Name of the target's port reference. */
    public static final String TARGET_PORT = "target.port";
    /** Name of the target's url reference. */
    public static final String TARGET_URL = "target.url";
    /** Name of the replica index reference (0-based). */
    public static final String REPLICA = "replica";
    /** Name of the scenario folder reference. */
    public static final String SCENARIO_DIR = "scenario.dir";
    /** Prefix of the run's certificate authority references ({@code ca.file}, ...). */
    public static final String CA_PREFIX = "ca.";
    /** The {@code ca.*} reference names, each the name of one file (or the password) of the run's TLS material. */
    public static final java.util.List<String> CA_NAMES = java.util.List.of("ca.file", "ca.truststore",
            "ca.truststore-password", "ca.client-cert", "ca.client-key", "ca.client-keystore");
    /**
     * Name of the reference to a class path holding the JSON library faultline carries (Jackson: its
     * own jar when run from it), so a sample program can deserialize JSON with {@code java -cp}.
     */
    public static final String FAULTLINE_CLASSPATH = "faultline.classpath";
    /** Prefix of environment references. */
    public static final String ENV_PREFIX = "env.";

    private static final Function<String, String> NO_ENV = name -> null;

    private final Map<String, String> values;
    private final Function<String, String> env;

    private Bindings(Map<String, String> values, Function<String, String> env) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.env = Objects.requireNonNull(env, "env");
    }

    /**
     * @param values reference names to values; names must not start with {@code env.}
     * @param env    the environment: a variable's value, or {@code null} when it is not set
     *               ({@code System::getenv} fits)
     */
    public static Bindings of(Map<String, String> values, Function<String, String> env) {
        values.forEach(Bindings::requireValidEntry);
        return new Bindings(values, env);
    }

    /** No values and an empty environment. */
    public static Bindings empty() {
        return new Bindings(Map.of(), NO_ENV);
    }

    /** A copy with one more value (replacing any value of that name). */
    public Bindings with(String name, String value) {
        requireValidEntry(name, value);
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Bindings(copy, env);
    }

    /** A copy with {@code upstreams.NAME.url} ({@code http://127.0.0.1:PORT}) and {@code upstreams.NAME.port}. */
    public Bindings withUpstream(String upstream, int port) {
        return with(upstreamUrl(upstream), "http://127.0.0.1:" + port).with(upstreamPort(upstream), String.valueOf(port));
    }

    /** A copy with {@code upstreams.NAME.url} given in full (an {@code https://} one for a TLS upstream) and the port. */
    public Bindings withUpstream(String upstream, String url, int port) {
        return with(upstreamUrl(upstream), url).with(upstreamPort(upstream), String.valueOf(port));
    }

    /**
     * A copy with a cleartext upstream pool's references; see {@link #withUpstreamPool(String, List, List)}.
     */
    public Bindings withUpstreamPool(String upstream, List<Integer> ports) {
        return withUpstreamPool(upstream, ports.stream().map(port -> "http://127.0.0.1:" + port).toList(), ports);
    }

    /**
     * A copy with an upstream pool's references: {@code url} and {@code port} of its first instance,
     * {@code urls} (every instance's url, {@code https://} for a TLS upstream) and {@code addresses}
     * ({@code 127.0.0.1:PORT} of each), both space separated in instance order.
     */
    public Bindings withUpstreamPool(String upstream, List<String> urls, List<Integer> ports) {
        if (ports.isEmpty() || urls.size() != ports.size()) {
            throw new IllegalArgumentException("upstream " + upstream + " has " + urls.size() + " urls for "
                    + ports.size() + " instances");
        }
        StringJoiner addresses = new StringJoiner(" ");
        for (int port : ports) {
            addresses.add("127.0.0.1:" + port);
        }
        return withUpstream(upstream, urls.get(0), ports.get(0)).with(upstreamUrls(upstream), String.join(" ", urls))
                .with(upstreamAddresses(upstream), addresses.toString());
    }

    /** A copy with {@code target.port}. */
    public Bindings withTargetPort(int port) {
        return with(TARGET_PORT, String.valueOf(port));
    }

    /** A copy with {@code target.url}, already resolved. */
    public Bindings withTargetUrl(String url) {
        return with(TARGET_URL, url);
    }

    /** A copy with {@code replica}. */
    public Bindings withReplica(int replica) {
        return with(REPLICA, String.valueOf(replica));
    }

    /** A copy with {@code scenario.dir}. */
    public Bindings withScenarioDir(Path dir) {
        return with(SCENARIO_DIR, dir.toString());
    }

    /** A copy that reads {@code env.VAR} from this environment instead. */
    public Bindings withEnv(Function<String, String> environment) {
        return new Bindings(values, environment);
    }

    /** The value of a reference name, such as {@code upstreams.payments.url} or {@code env.HOME}. */
    public Optional<String> lookup(String name) {
        if (name.startsWith(ENV_PREFIX)) {
            return Optional.ofNullable(env.apply(name.substring(ENV_PREFIX.length())));
        }
        return Optional.ofNullable(values.get(name));
    }

    /** The bound values (without the environment). */
    public Map<String, String> values() {
        return values;
    }

    /** The name of the url reference of an upstream. */
    public static String upstreamUrl(String upstream) {
        return "upstreams." + upstream + ".url";
    }

    /** The name of the port reference of an upstream. */
    public static String upstreamPort(String upstream) {
        return "upstreams." + upstream + ".port";
    }

    /** The name of the reference to every instance's url of an upstream. */
    public static String upstreamUrls(String upstream) {
        return "upstreams." + upstream + ".urls";
    }

    /** The name of the reference to every instance's {@code 127.0.0.1:PORT} of an upstream. */
    public static String upstreamAddresses(String upstream) {
        return "upstreams." + upstream + ".addresses";
    }

    private static void requireValidEntry(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, () -> "value of " + name);
        if (name.startsWith(ENV_PREFIX)) {
            // Environment values come from the lookup function so a run cannot shadow the real environment.
            throw new IllegalArgumentException("bind " + name + " through the environment function, not as a value");
        }
    }

    @Override
    public String toString() {
        return "Bindings" + values;
    }
}
