package dev.faultline.upstream;

import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.PathPattern;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.Route;
import dev.faultline.upstream.spec.UpstreamSpec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small DSL for specs and rules in tests. */
public final class Specs {
    private Specs() {
    }

    public static UpstreamSpec upstream(String name, Route... routes) {
        return new UpstreamSpec(name, 0, List.of(routes));
    }

    public static RequestMatch path(String path) {
        return new RequestMatch(null, PathPattern.of(path), Map.of(), Map.of());
    }

    public static RequestMatch request(String method, String path) {
        return new RequestMatch(method, PathPattern.of(path), Map.of(), Map.of());
    }

    public static Route route(RequestMatch match, int status, String body) {
        return new Route(match, Respond.of(status, Map.of(), body));
    }

    public static Route route(RequestMatch match, Respond respond) {
        return new Route(match, respond);
    }

    public static RuleBuilder rule(String id) {
        return new RuleBuilder(id);
    }

    /** Builds a {@link FaultRule}; the seed key defaults to the id. */
    public static final class RuleBuilder {
        private final String id;
        private String seedKey;
        private RequestMatch match = RequestMatch.ANY;
        private double probability = 1.0;
        private int first;
        private boolean firstPerClient;
        private Delay delay;
        private FaultAction action;

        private RuleBuilder(String id) {
            this.id = id;
            this.seedKey = id;
        }

        public RuleBuilder seedKey(String key) {
            this.seedKey = key;
            return this;
        }

        public RuleBuilder match(RequestMatch m) {
            this.match = m;
            return this;
        }

        public RuleBuilder probability(double p) {
            this.probability = p;
            return this;
        }

        public RuleBuilder first(int n) {
            this.first = n;
            return this;
        }

        public RuleBuilder firstPerClient(int n) {
            this.first = n;
            this.firstPerClient = true;
            return this;
        }

        public RuleBuilder delay(Delay d) {
            this.delay = d;
            return this;
        }

        public RuleBuilder delay(Duration d) {
            return delay(new Delay.Fixed(d));
        }

        public RuleBuilder respond(int status) {
            return respond(Respond.status(status));
        }

        public RuleBuilder respond(Respond respond) {
            this.action = new FaultAction.RespondWith(respond);
            return this;
        }

        public RuleBuilder action(FaultAction a) {
            this.action = a;
            return this;
        }

        public FaultRule build() {
            return new FaultRule(id, seedKey, match, probability, first, firstPerClient, delay, action);
        }
    }
}
