package dev.faultline.scenario.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schema and the loader know the same keys in every mapping: for each place, an unknown key
 * makes the loader list the keys it knows, and those must be the schema's properties there.
 */
class SchemaAgreementTest {
    private static final Pattern KNOWN = Pattern.compile("expected one of: ([^;)]*)");
    private static final JsonNode SCHEMA = readSchema();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            top level              | /                                   | zzz: 1
            journal                | /$defs/../properties/journal        | journal: {zzz: 1}
            upstream               | /$defs/upstream                     | upstreams: {p: {zzz: 1}}
            upstream tls           | /$defs/upstream/properties/tls/oneOf/1 | upstreams: {p: {tls: {zzz: 1}}}
            route                  | /$defs/route                        | upstreams: {p: {routes: [{respond: {}, zzz: 1}]}}
            match                  | /$defs/match                        | upstreams: {p: {routes: [{respond: {}, match: {zzz: 1}}]}}
            respond                | /$defs/respond                      | upstreams: {p: {routes: [{respond: {zzz: 1}}]}}
            target                 | /$defs/target                       | target: {run: x, zzz: 1}
            ready                  | /$defs/ready                        | target: {run: x, ready: {after: 1s, zzz: 1}}
            stop                   | /$defs/stop                         | target: {run: x, stop: {zzz: 1}}
            load                   | /$defs/load                         | target: {url: 'http://h'}, load: {rate: 1/s, requests: [{path: /}], zzz: 1}
            rate step              | /$defs/rateStep                     | target: {url: 'http://h'}, load: {rate: [{at: 0s, rate: 1/s, zzz: 1}], requests: [{path: /}]}
            request                | /$defs/request                      | target: {url: 'http://h'}, load: {rate: 1/s, requests: [{path: /, zzz: 1}]}
            tenant                 | /$defs/tenant                       | target: {url: 'http://h'}, load: {tenants: [{name: a, rate: 1/s, zzz: 1}], requests: [{path: /}]}
            probes                 | /$defs/probes                       | target: {url: 'http://h'}, probes: {readiness: {path: /}, zzz: 1}
            probe                  | /$defs/probe                        | target: {url: 'http://h'}, probes: {readiness: {path: /, zzz: 1}}
            phase                  | /$defs/phase                        | phases: [{name: a, duration: 1s, zzz: 1}]
            fault rule             | /$defs/faultRule                    | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{connection: drop, zzz: 1}]}}]
            delay                  | /$defs/delay                        | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{delay: {uniform: [1s, 2s], zzz: 1}}]}}]
            normal delay           | /$defs/delay/oneOf/2/properties/normal | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{delay: {normal: {mean: 1s, stddev: 1s, zzz: 1}}}]}}]
            lognormal delay        | /$defs/delay/oneOf/3/properties/lognormal | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{delay: {lognormal: {median: 1s, sigma: 1, zzz: 1}}}]}}]
            pareto delay           | /$defs/delay/oneOf/4/properties/pareto | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{delay: {pareto: {scale: 1s, shape: 1, zzz: 1}}}]}}]
            body fault             | /$defs/bodyFault                    | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{body: {truncate-after: 1, zzz: 1}}]}}]
            dribble                | /$defs/bodyFault/oneOf/2/properties/dribble | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{body: {dribble: {bytes: 1, every: 1s, zzz: 1}}}]}}]
            tls fault version      | /$defs/faultRule/properties/tls/oneOf/1 | upstreams: {p: {tls: true}}, phases: [{name: a, duration: 1s, faults: {p: [{tls: {version: TLSv1.1, zzz: 1}}]}}]
            http2 fault            | /$defs/faultRule/properties/http2   | upstreams: {p: {http2: true}}, phases: [{name: a, duration: 1s, faults: {p: [{http2: {rst-stream: CANCEL, zzz: 1}}]}}]
            http2 goaway           | /$defs/faultRule/properties/http2/oneOf/2/properties/goaway | upstreams: {p: {http2: true}}, phases: [{name: a, duration: 1s, faults: {p: [{http2: {goaway: {error: CANCEL, zzz: 1}}}]}}]
            rate limit             | /$defs/rateLimit                    | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{rate-limit: {limit: 1, zzz: 1}}]}}]
            action                 | /$defs/action                       | target: {run: x}, phases: [{name: a, duration: 2s, actions: [{at: 1s, signal: TERM, zzz: 1}]}]
            expect                 | /$defs/../properties/expect         | expect: {zzz: 1}
            retries                | /$defs/retries                      | upstreams: {p: {}}, expect: {retries: {max-sync: 2, zzz: 1}}
            health                 | /$defs/health                       | expect: {health: {zzz: 1}}
            health readiness       | /$defs/health/properties/readiness  | expect: {health: {readiness: {zzz: 1}}}
            health liveness        | /$defs/health/properties/liveness   | expect: {health: {liveness: {zzz: 1}}}
            shutdown               | /$defs/shutdown                     | expect: {shutdown: {zzz: 1}}
            fairness               | /$defs/fairness                     | expect: {fairness: {zzz: 1}}
            latency                | /$defs/latency                      | expect: {latency: {zzz: 1}}
            balance                | /$defs/balance                      | upstreams: {p: {instances: 2}}, expect: {balance: {zzz: 1}}
            drift                  | /$defs/drift                        | upstreams: {p: {}}, expect: {drift: {max-calls-after-sunset: 1, zzz: 1}}
            deprecate              | /$defs/deprecate                    | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{deprecate: {zzz: 1}}]}}]
            drift mutation         | /$defs/driftFault/items             | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{drift: [{zzz: 1}]}]}}]
            add-field              | /$defs/driftFault/items/properties/add-field/oneOf/1 | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{drift: [{add-field: {path: $, zzz: 1}}]}]}}]
            rename-field           | /$defs/driftFault/items/properties/rename-field | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{drift: [{rename-field: {path: $.a, to: b, zzz: 1}}]}]}}]
            retype-field           | /$defs/driftFault/items/properties/retype-field/oneOf/1 | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{drift: [{retype-field: {path: $.a, zzz: 1}}]}]}}]
            unknown-enum           | /$defs/driftFault/items/properties/unknown-enum/oneOf/1 | upstreams: {p: {}}, phases: [{name: a, duration: 1s, faults: {p: [{drift: [{unknown-enum: {path: $.a, zzz: 1}}]}]}}]
            """)
    void theLoaderAndTheSchemaKnowTheSameKeys(String place, String schemaPointer, String flowYaml) {
        String yaml = "{name: t, " + (flowYaml.contains("phases:") ? "" : "phases: [{name: a, duration: 1s}], ")
                + flowYaml + "}\n";
        String unknownKeyError = new ScenarioFiles(dir).errors(yaml).stream()
                .filter(e -> e.contains("unknown key \"zzz\"")).findFirst().orElseThrow();
        Matcher known = KNOWN.matcher(unknownKeyError);
        assertThat(known.find()).as(unknownKeyError).isTrue();

        Set<String> loaderKeys = Arrays.stream(known.group(1).split(", ")).collect(Collectors.toCollection(TreeSet::new));

        assertThat(loaderKeys).as(place).isEqualTo(schemaKeys(schemaPointer));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fault rule | /$defs/faultRule
            retries    | /$defs/retries
            fairness   | /$defs/fairness
            rate limit | /$defs/rateLimit
            """)
    void theSchemaMarksDeprecatedExactlyTheOldSpellingsTheLoaderAccepts(String place, String schemaPointer) {
        Map<String, String> loaderOld = switch (place) {
            case "fault rule" -> OldSpellings.FAULT_RULE;
            case "retries" -> OldSpellings.RETRIES;
            case "fairness" -> OldSpellings.FAIRNESS;
            case "rate limit" -> OldSpellings.RATE_LIMIT;
            default -> Map.of();
        };
        Set<String> schemaOld = new TreeSet<>();
        SCHEMA.at(schemaPointer).path("properties").fields().forEachRemaining(p -> {
            if (p.getValue().path("deprecated").asBoolean()) {
                schemaOld.add(p.getKey());
            }
        });

        assertThat(schemaOld).as(place).isEqualTo(new TreeSet<>(loaderOld.keySet()));
    }

    // Property names at a place, including those of every alternative of a oneOf there; old spellings
    // (deprecated) are left out, as the loader's unknown-key message lists only the keys to write.
    private static Set<String> schemaKeys(String pointer) {
        JsonNode node = pointer.equals("/") ? SCHEMA : SCHEMA.at(pointer.replace("/$defs/../", "/"));
        assertThat(node.isMissingNode()).as(pointer).isFalse();
        Set<String> keys = new TreeSet<>();
        addCurrentKeys(node, keys);
        for (JsonNode alternative : node.path("oneOf")) {
            addCurrentKeys(alternative, keys);
        }
        return keys;
    }

    private static void addCurrentKeys(JsonNode node, Set<String> keys) {
        node.path("properties").fields().forEachRemaining(p -> {
            if (!p.getValue().path("deprecated").asBoolean()) {
                keys.add(p.getKey());
            }
        });
    }

    private static JsonNode readSchema() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path schema = at.resolve("scenarios/schema/faultline-scenario.schema.json");
            if (Files.exists(schema)) {
                try {
                    return new ObjectMapper().readTree(schema.toFile());
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + schema, e);
                }
            }
        }
        throw new IllegalStateException("no scenarios/schema/faultline-scenario.schema.json above " + Path.of("").toAbsolutePath());
    }
}
