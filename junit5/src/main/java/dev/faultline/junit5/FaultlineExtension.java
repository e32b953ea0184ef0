package dev.faultline.junit5;

import dev.faultline.journal.Event;
import dev.faultline.journal.Journal;
import dev.faultline.scenario.Expectations;
import dev.faultline.scenario.PhaseSpec;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import dev.faultline.upstream.spec.UpstreamSpec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The JUnit Jupiter extension: fake upstreams for a test, faults switched from the test, and the
 * client judged with the command line's analyses.
 *
 * <p>Two ways in:
 * <ul>
 *   <li>declaratively, {@link FaultlineTest @FaultlineTest(scenario = "checkout.yaml")} on the class;</li>
 *   <li>programmatically, {@code @RegisterExtension static FaultlineExtension fl = FaultlineExtension.with(Upstream.named("payments"))};
 *       the extension is then itself the {@link Faultline} handle.</li>
 * </ul>
 *
 * <p>Lifecycle: registered on a static field (or by the annotation) the upstreams start before the
 * class's first test and stop after its last; on an instance field they start and stop around each
 * test. Either way each test starts with an empty journal and the first phase in force, and every port
 * is a free one chosen at start, so test classes may run in parallel. Tests of one class that run
 * concurrently share the upstreams and their journal, and are not supported.
 *
 * <p>Uses only Jupiter API that exists unchanged from 5.0 through 6.x.
 */
public final class FaultlineExtension implements Faultline, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    static final long SCENARIO_SEED = Long.MIN_VALUE;
    private static final long DEFAULT_SEED = 1;

    /** The upstreams built in code, or null when the class's {@link FaultlineTest} names a scenario. */
    private final List<Upstream> declared;
    private final long seed;
    private FaultlineSession session;
    private boolean perMethod;

    /** For {@link FaultlineTest}: the scenario comes from the annotation. */
    public FaultlineExtension() {
        this(null, SCENARIO_SEED);
    }

    private FaultlineExtension(List<Upstream> declared, long seed) {
        this.declared = declared;
        this.seed = seed;
    }

    /** An extension with these upstreams and no faults until the test injects some. */
    public static FaultlineExtension with(Upstream... upstreams) {
        if (upstreams.length == 0) {
            throw new IllegalArgumentException("FaultlineExtension.with needs at least one upstream, e.g. Upstream.named(\"payments\")");
        }
        return new FaultlineExtension(List.of(upstreams), DEFAULT_SEED);
    }

    /** The same extension, with this seed for the fault rules' random streams (default 1). */
    public FaultlineExtension seed(long seed) {
        return new FaultlineExtension(declared, seed);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        session = start(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (session == null) {
            // registered on an instance field: beforeAll never ran for this instance
            perMethod = true;
            session = start(context);
        } else {
            session.reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perMethod) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Faultline.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return running();
    }

    @Override
    public String url(String upstream) {
        return running().url(upstream);
    }

    @Override
    public dev.faultline.upstream.tls.TlsFiles tlsFiles() {
        return running().tlsFiles();
    }

    @Override
    public javax.net.ssl.SSLContext sslContext() {
        return running().sslContext();
    }

    @Override
    public void phase(String name) {
        running().phase(name);
    }

    @Override
    public void inject(String upstream, Fault... faults) {
        running().inject(upstream, faults);
    }

    @Override
    public void reset() {
        running().reset();
    }

    @Override
    public Expect expect() {
        return running().expect();
    }

    @Override
    public List<Event> journal() {
        return running().journal();
    }

    @Override
    public UpstreamJournal journal(String upstream) {
        return running().journal(upstream);
    }

    @Override
    public <T> T call(java.util.concurrent.Callable<T> call) throws Exception {
        return running().call(call);
    }

    /** The ports the upstreams listen on now (empty when stopped). */
    List<Integer> ports() {
        FaultlineSession s = session;
        return s == null ? List.of() : s.ports();
    }

    private FaultlineSession running() {
        FaultlineSession s = session;
        if (s == null) {
            throw new IllegalStateException("the fake upstreams are not running: register the extension with @RegisterExtension "
                    + "(or annotate the class with @FaultlineTest) and use it inside a test");
        }
        return s;
    }

    private void stop() {
        FaultlineSession s = session;
        session = null;
        perMethod = false;
        if (s != null) {
            s.close();
        }
    }

    private FaultlineSession start(ExtensionContext context) {
        if (declared != null) {
            return FaultlineSession.start(inCode(context), seed);
        }
        FaultlineTest annotation = findAnnotation(context.getRequiredTestClass());
        if (annotation == null) {
            throw new ExtensionConfigurationException("FaultlineExtension needs a scenario: annotate " + context.getRequiredTestClass().getName()
                    + " with @FaultlineTest(scenario = \"...\"), or register FaultlineExtension.with(Upstream.named(...)) with @RegisterExtension");
        }
        Scenario scenario = load(annotation.scenario(), context.getRequiredTestClass());
        long chosen = annotation.seed() != SCENARIO_SEED ? annotation.seed() : scenario.seed().orElse(DEFAULT_SEED);
        return FaultlineSession.start(scenario, chosen);
    }

    private static FaultlineTest findAnnotation(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            FaultlineTest annotation = c.getAnnotation(FaultlineTest.class);
            if (annotation != null) {
                return annotation;
            }
        }
        return null;
    }

    private Scenario inCode(ExtensionContext context) {
        Map<String, UpstreamSpec> specs = new LinkedHashMap<>();
        for (Upstream upstream : declared) {
            if (specs.put(upstream.name(), upstream.toSpec()) != null) {
                throw new ExtensionConfigurationException("two upstreams are named \"" + upstream.name() + "\"; each needs its own name");
            }
        }
        PhaseSpec baseline = new PhaseSpec(0, "baseline", Duration.ZERO, Map.of(), List.of());
        return new Scenario(Path.of(context.getRequiredTestClass().getName() + ".java").toAbsolutePath(),
                context.getRequiredTestClass().getSimpleName(), "", Optional.of(seed), specs, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(baseline), Expectations.NONE, Journal.DEFAULT_CAPACITY, Journal.DEFAULT_MAX_BYTES, List.of());
    }

    /** Loads the scenario from the working directory or else the class path, or explains why it cannot. */
    static Scenario load(String name, Class<?> testClass) {
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            URL resource = testClass.getClassLoader().getResource(name.startsWith("/") ? name.substring(1) : name);
            if (resource == null || !"file".equals(resource.getProtocol())) {
                throw new ExtensionConfigurationException("@FaultlineTest scenario \"" + name + "\" of " + testClass.getName()
                        + " is neither a file under " + Path.of("").toAbsolutePath() + " nor a class-path resource in a folder"
                        + " (put it in src/test/resources, or give its path from the module's folder)");
            }
            try {
                file = Path.of(resource.toURI());
            } catch (URISyntaxException e) {
                throw new ExtensionConfigurationException("@FaultlineTest scenario \"" + name + "\": bad resource url " + resource, e);
            }
        }
        LoadOutcome outcome = new ScenarioLoader().load(file);
        if (outcome instanceof LoadOutcome.Invalid invalid) {
            throw new ExtensionConfigurationException("@FaultlineTest scenario " + file + " is invalid:\n"
                    + invalid.errors().stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
        return ((LoadOutcome.Loaded) outcome).scenario();
    }
}
