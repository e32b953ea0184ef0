package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.PathPattern;
import dev.faultline.upstream.spec.RateLimitAlgorithm;
import dev.faultline.upstream.spec.RateLimitHeaders;
import dev.faultline.upstream.spec.RateLimitKey;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Fault rules under {@code phases[].faults.UPSTREAM}: triggers, delays and the one action. */
class FaultRuleLoaderTest {
    @TempDir
    Path dir;

    /** A scenario whose one phase, {@code outage}, has these rules (indented as list items) on {@code payments}. */
    private static String rules(String items) {
        return """
                name: t
                upstreams: {payments: {}}
                phases:
                  - name: outage
                    duration: 10s
                    faults:
                      payments:
                """ + items;
    }

    private List<FaultRule> loaded(String items) {
        return new ScenarioFiles(dir).loaded(rules(items)).phases().get(0).faultsFor("payments");
    }

    private FaultRule only(String item) {
        List<FaultRule> rules = loaded(item);
        assertThat(rules).hasSize(1);
        return rules.get(0);
    }

    private List<String> errors(String items) {
        return new ScenarioFiles(dir).errors(rules(items));
    }

    @Test
    void aRuleGetsItsIdFromPhaseUpstreamAndIndexAndMatchesEveryRequestByDefault() {
        List<FaultRule> rules = loaded("        - connection: drop\n        - connection: reset\n");

        assertThat(rules).extracting(FaultRule::id).containsExactly("outage/payments[0]", "outage/payments[1]");
        assertThat(rules.get(0).match()).isEqualTo(RequestMatch.ANY);
        assertThat(rules.get(0).probability()).isEqualTo(1.0);
        assertThat(rules.get(0).first()).isZero();
        assertThat(rules.get(0).firstPerClient()).isFalse();
        assertThat(rules.get(0).delay()).isNull();
    }

    @Test
    void triggersAreReadWithTheMethodUpperCased() {
        FaultRule rule = only("""
                        - match: {method: post, path: /charge, headers: {idempotency-key: abc}}
                          probability: 0.25
                          first: 3
                          by: client
                          respond: {status: 503, body: down}
                """);

        assertThat(rule.match()).isEqualTo(new RequestMatch("POST", PathPattern.of("/charge"),
                Map.of("idempotency-key", "abc"), Map.of()));
        assertThat(rule.probability()).isEqualTo(0.25);
        assertThat(rule.first()).isEqualTo(3);
        assertThat(rule.firstPerClient()).isTrue();
        assertThat(rule.action()).isEqualTo(new FaultAction.RespondWith(Respond.of(503, Map.of(), "down")));
    }

    @Test
    void eachActionMapsToItsEffect() {
        List<FaultRule> rules = loaded("""
                        - connection: drop
                        - connection: reset
                        - connection: hang
                        - down: true
                        - body: garbage
                        - body: {truncate-after: 100}
                        - body: {dribble: {bytes: 10, every: 100ms}}
                        - respond: {}
                """);

        assertThat(rules).extracting(FaultRule::action).containsExactly(
                new FaultAction.Drop(), new FaultAction.Reset(), new FaultAction.Hang(), new FaultAction.Down(),
                new FaultAction.GarbageBody(), new FaultAction.TruncateBody(100),
                new FaultAction.DribbleBody(10, Duration.ofMillis(100)),
                new FaultAction.RespondWith(Respond.status(200)));
    }

    @Test
    void aRateLimitHasDefaultsForEverythingButItsLimit() {
        assertThat(only("        - rate-limit: {limit: 10}\n").action()).isEqualTo(new FaultAction.RateLimit(10,
                Duration.ofSeconds(1), new RateLimitKey.Global(), RateLimitAlgorithm.TOKEN_BUCKET,
                List.of(RateLimitHeaders.RETRY_AFTER)));
        assertThat(only("""
                        - rate-limit:
                            limit: 5
                            every: 1m
                            by: header:X-Api-Key
                            algorithm: sliding-window
                            headers: [ratelimit, x-ratelimit]
                """).action()).isEqualTo(new FaultAction.RateLimit(5, Duration.ofMinutes(1),
                new RateLimitKey.Header("X-Api-Key"), RateLimitAlgorithm.SLIDING_WINDOW,
                List.of(RateLimitHeaders.RATELIMIT, RateLimitHeaders.X_RATELIMIT)));
        assertThat(only("        - rate-limit: {limit: 1, by: client, headers: []}\n").action()).isEqualTo(
                new FaultAction.RateLimit(1, Duration.ofSeconds(1), new RateLimitKey.Client(),
                        RateLimitAlgorithm.TOKEN_BUCKET, List.of()));
    }

    @Test
    void aRateLimitWithBadKeysSaysWhatEachExpects() {
        assertThat(errors("        - rate-limit: {every: 0s, by: tenant, algorithm: leaky, headers: [retry-after, retry-after]}\n"))
                .containsExactly(
                        "8:23: phases[0].faults.payments[0].rate-limit: missing key \"limit\" (expected how many requests to"
                                + " admit per period, such as limit: 10)",
                        "8:31: phases[0].faults.payments[0].rate-limit.every: 0s is not above zero (expected a duration above"
                                + " 0, such as 1s)",
                        "8:39: phases[0].faults.payments[0].rate-limit.by: \"tenant\" is not what a rate limit counts by"
                                + " (expected global, client or header:NAME, such as header:X-Api-Key)",
                        "8:58: phases[0].faults.payments[0].rate-limit.algorithm: \"leaky\" is not a rate-limit algorithm"
                                + " (expected one of: token-bucket, fixed-window, sliding-window)",
                        "8:88: phases[0].faults.payments[0].rate-limit.headers[1]: retry-after is listed twice (list each"
                                + " header family once)");
    }

    @Test
    void aDelayIsADurationOrADistribution() {
        List<FaultRule> rules = loaded("""
                        - delay: 200ms
                        - delay: {uniform: [50ms, 300ms]}
                        - delay: {normal: {mean: 100ms, stddev: 20ms}}
                        - delay: {lognormal: {median: 80ms, sigma: 0.5}}
                        - delay: {pareto: {scale: 20ms, shape: 1.5}}
                """);

        assertThat(rules).extracting(FaultRule::delay).containsExactly(
                new Delay.Fixed(Duration.ofMillis(200)),
                new Delay.Uniform(Duration.ofMillis(50), Duration.ofMillis(300)),
                new Delay.Normal(Duration.ofMillis(100), Duration.ofMillis(20)),
                new Delay.LogNormal(Duration.ofMillis(80), 0.5),
                new Delay.Pareto(Duration.ofMillis(20), 1.5));
        assertThat(rules).extracting(FaultRule::action).containsOnly(new FaultAction.PassToRoute());
        assertThat(rules).extracting(FaultRule::effect).containsOnly("delay");
    }

    @Test
    void aDelayWithAnActionKeepsBoth() {
        FaultRule rule = only("        - {delay: 1s, respond: {status: 504}}\n");

        assertThat(rule.delay()).isEqualTo(new Delay.Fixed(Duration.ofSeconds(1)));
        assertThat(rule.action()).isEqualTo(new FaultAction.RespondWith(Respond.status(504)));
    }

    @Test
    void badDelaysSayWhichFormsWork() {
        assertThat(errors("""
                        - delay: 5
                        - delay: {uniform: [300ms, 50ms]}
                        - delay: {uniform: [1ms]}
                        - delay: {normal: {mean: 1s}}
                        - delay: {lognormal: {median: 1ms, sigma: -1}}
                        - delay: {pareto: {scale: 1ms, shape: 0}}
                        - delay: {gauss: 1ms}
                        - delay: {uniform: [1ms, 2ms], normal: {mean: 1ms, stddev: 1ms}}
                        - delay: {}
                """)).containsExactly(
                "8:18: phases[0].faults.payments[0].delay: 5 has no unit (use 5s or 5000ms)",
                "9:28: phases[0].faults.payments[1].delay.uniform: max 50ms is below min 300ms (expected [MIN, MAX] with"
                        + " MIN no more than MAX)",
                "10:28: phases[0].faults.payments[2].delay.uniform: has 1 values (expected [MIN, MAX], two durations)",
                "11:27: phases[0].faults.payments[3].delay.normal: missing key \"stddev\" (expected the standard deviation,"
                        + " such as stddev: 20ms)",
                "12:51: phases[0].faults.payments[4].delay.lognormal.sigma: -1 is out of range (expected a number of at"
                        + " least 0)",
                "13:47: phases[0].faults.payments[5].delay.pareto.shape: 0 is out of range (expected a number above 0)",
                "14:19: phases[0].faults.payments[6].delay.gauss: unknown key \"gauss\" (expected one of: lognormal, normal,"
                        + " pareto, uniform)",
                "15:18: phases[0].faults.payments[7].delay: takes one distribution but has uniform and normal (keep one)",
                "16:18: phases[0].faults.payments[8].delay: needs a distribution (expected a duration such as 200ms, or"
                        + " {uniform: [MIN, MAX]}, {normal: {mean, stddev}}, {lognormal: {median, sigma}} or {pareto:"
                        + " {scale, shape}})");
    }

    @Test
    void aRuleWithTwoActionsIsAnError() {
        assertThat(errors("        - respond: {status: 503}\n          connection: drop\n")).containsExactly(
                "8:11: phases[0].faults.payments[0]: a fault rule has at most one action but has respond and connection"
                        + " (split it into rules, or keep one)");
    }

    @Test
    void aRuleWithNeitherDelayNorActionIsAnError() {
        assertThat(errors("        - match: {path: /charge}\n          probability: 0.5\n")).containsExactly(
                "8:11: phases[0].faults.payments[0]: a fault rule needs a delay or an action (expected delay, respond,"
                        + " connection, down, body, rate-limit, tls, drift, deprecate or http2)");
    }

    @Test
    void aMisspeltActionIsReportedOnceAsAnUnknownKey() {
        assertThat(errors("        - respnd: {status: 503}\n")).containsExactly(
                "8:11: phases[0].faults.payments[0].respnd: unknown key \"respnd\" (expected one of: body, by, connection,"
                        + " delay, deprecate, down, drift, first, http2, instance, match, probability, rate-limit, respond, tls; did you mean \"respond\"?)");
    }

    @Test
    void downTakesNoMatchProbabilityFirstOrDelay() {
        assertThat(errors("        - {down: true, match: {path: /x}, probability: 0.5, delay: 1s}\n")).containsExactly(
                "8:24: phases[0].faults.payments[0].match: down: true takes no match (the upstream stops listening for the"
                        + " whole phase; remove match)",
                "8:43: phases[0].faults.payments[0].probability: down: true takes no probability (the upstream stops"
                        + " listening for the whole phase; remove probability)",
                "8:61: phases[0].faults.payments[0].delay: down: true takes no delay (the upstream stops listening for the"
                        + " whole phase; remove delay)");
    }

    @Test
    void downFalseIsAnError() {
        assertThat(errors("        - down: false\n")).containsExactly(
                "8:11: phases[0].faults.payments[0].down: down: false does nothing (write down: true, or remove it)");
    }

    @Test
    void byIsOnlyValidNextToFirst() {
        assertThat(errors("        - {by: client, connection: drop}\n        - {first: 1, by: replica, connection: drop}\n"))
                .containsExactly(
                        "8:12: phases[0].faults.payments[0].by: applies only next to first (add first: N, or remove by)",
                        "9:26: phases[0].faults.payments[1].by: \"replica\" is not a way to count first (expected one of:"
                                + " client)");
    }

    @Test
    void firstMustBeAtLeastOne() {
        assertThat(errors("        - {first: 0, connection: drop}\n")).containsExactly(
                "8:19: phases[0].faults.payments[0].first: 0 is out of range (expected a number of requests of at least 1)");
    }

    @Test
    void badConnectionAndBodyFaultsListTheKnownOnes() {
        assertThat(errors("""
                        - connection: close
                        - body: junk
                        - body: {truncate-after: 10, dribble: {bytes: 1, every: 1s}}
                        - body: {dribble: {bytes: 0}}
                        - body: {truncate-after: -1}
                """)).containsExactly(
                "8:23: phases[0].faults.payments[0].connection: \"close\" is not a connection fault (expected one of: drop,"
                        + " reset, hang)",
                "9:17: phases[0].faults.payments[1].body: \"junk\" is not a body fault (expected garbage, {truncate-after:"
                        + " BYTES}, {dribble: {bytes: N, every: DURATION}} or {bandwidth: 64KB/s})",
                "10:17: phases[0].faults.payments[2].body: takes one effect but has truncate-after and dribble (keep one)",
                "11:27: phases[0].faults.payments[3].body.dribble: missing key \"every\" (expected how often to send them,"
                        + " such as every: 100ms)",
                "11:35: phases[0].faults.payments[3].body.dribble.bytes: 0 is out of range (expected a number of bytes of"
                        + " at least 1)",
                "12:34: phases[0].faults.payments[4].body.truncate-after: -1 is out of range (expected a number of bytes of"
                        + " at least 0)");
    }

    @Test
    void faultsOnAnUpstreamThatDoesNotExistListTheKnownOnes() {
        assertThat(new ScenarioFiles(dir).errors("""
                name: t
                upstreams: {payments: {}, ledger: {}}
                phases:
                  - name: outage
                    duration: 10s
                    faults:
                      paymnts:
                        - connection: drop
                """)).containsExactly(
                "7:7: phases[0].faults.paymnts: \"paymnts\" names no upstream (known: payments, ledger)");
    }

    @Test
    void faultsWithoutAnyUpstreamSayWhereToDeclareThem() {
        assertThat(new ScenarioFiles(dir).errors("""
                name: t
                phases:
                  - name: outage
                    duration: 10s
                    faults: {payments: [{connection: drop}]}
                """)).containsExactly(
                "5:14: phases[0].faults.payments: \"payments\" names no upstream (known: none; declare it under upstreams)");
    }

    @Test
    void faultsForAnUpstreamAreAList() {
        assertThat(errors("          connection: drop\n")).containsExactly(
                "8:11: phases[0].faults.payments: expected a list of fault rules but found a mapping");
    }
}
