package dev.faultline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes/ checked against the Kubernetes API's schema, as the API's own generated models
 * (io.kubernetes:client-java-api 24, Kubernetes 1.32) read it: every field known, every required field
 * there, every value of its type. Then what a schema cannot see: names that must agree across objects,
 * and the scenarios inside the ConfigMaps.
 */
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("..", "deploy", "kubernetes");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final Map<String, Class<?>> MODELS = Map.of(
            "apps/v1 Deployment", V1Deployment.class,
            "v1 Service", V1Service.class,
            "v1 ConfigMap", V1ConfigMap.class,
            "batch/v1 Job", V1Job.class,
            "v1 PersistentVolumeClaim", V1PersistentVolumeClaim.class);

    @TempDir
    Path dir;

    record Manifest(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.at("/metadata/name").asText();
        }
    }

    private static List<Manifest> manifests() throws IOException {
        List<Manifest> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var docs = YAML.readValues(new YAMLFactory().createParser(file.toFile()), JsonNode.class)) {
                    while (docs.hasNext()) {
                        JsonNode node = docs.next();
                        if (node != null && !node.isNull() && !node.isEmpty()) {
                            all.add(new Manifest(file, node));
                        }
                    }
                }
            }
        }
        return all;
    }

    /** Checks one object against its model's schema; throws naming the field when it does not fit. */
    private static Object validated(JsonNode node) throws Exception {
        String key = node.path("apiVersion").asText() + " " + node.path("kind").asText();
        Class<?> model = MODELS.get(key);
        assertThat(model).as("a model for " + key).isNotNull();
        JsonElement json = JsonParser.parseString(JSON_MAPPER.writeValueAsString(node));
        model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
        return new JSON().getGson().fromJson(json, model);
    }

    private static <T> T one(List<Manifest> all, Class<T> type, String name) throws Exception {
        for (Manifest m : all) {
            if (m.name().equals(name) && MODELS.get(m.node().path("apiVersion").asText() + " " + m.kind()) == type) {
                return type.cast(validated(m.node()));
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " " + name);
    }

    @Test
    void everyManifestFitsTheKubernetesSchema() throws Exception {
        List<Manifest> all = manifests();

        assertThat(all).extracting(Manifest::kind).contains("Deployment", "Service", "ConfigMap", "Job", "PersistentVolumeClaim");
        for (Manifest m : all) {
            try {
                validated(m.node());
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new AssertionError(m.file() + ": " + m.kind() + " " + m.name() + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    @Test
    void theSchemaCheckRefusesAMisspelledFieldAndAMissingRequiredOne() throws Exception {
        JsonNode deployment = manifests().stream().filter(m -> m.kind().equals("Deployment")).findFirst().orElseThrow().node();
        JsonNode misspelled = deployment.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) misspelled.get("spec")).put("replcas", 2);
        JsonNode noImage = deployment.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) noImage.at("/spec/template/spec/containers/0")).remove("name");

        JsonNode nested = deployment.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) nested.at("/spec/template/spec/containers/0/readinessProbe")).putObject("tcpSockett");
        JsonNode wrongType = deployment.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) wrongType.at("/spec/template/spec/containers/0")).put("args", "serve");

        assertThat(schemaError(misspelled)).contains("replcas");
        assertThat(schemaError(nested)).contains("tcpSockett");
        assertThat(schemaError(wrongType)).contains("args");
        assertThat(schemaError(noImage)).contains("name");
        assertThat(schemaError(deployment)).isEqualTo("none");
    }

    /** The schema check's message, or "none". */
    private static String schemaError(JsonNode node) throws Exception {
        try {
            validated(node);
            return "none";
        } catch (java.lang.reflect.InvocationTargetException e) {
            return e.getCause().getMessage();
        }
    }

    @Test
    void serveListensOffLoopbackWithTheTokenFromASecretAndItsProbesAndServicesNameItsPorts() throws Exception {
        List<Manifest> all = manifests();
        V1Deployment deployment = one(all, V1Deployment.class, "faultline-serve");
        V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        V1Container c = pod.getContainers().get(0);

        assertThat(c.getArgs()).containsSequence("--host", "0.0.0.0").containsSequence("--control-host", "0.0.0.0")
                .doesNotContain("--control-token");
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("FAULTLINE_CONTROL_TOKEN");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("faultline-control");
        });
        List<String> ports = c.getPorts().stream().map(p -> p.getName()).toList();
        assertThat(c.getReadinessProbe().getTcpSocket().getPort().getStrValue()).isIn(ports);
        assertThat(c.getLivenessProbe().getTcpSocket().getPort().getStrValue()).isIn(ports);
        String controlPort = c.getArgs().get(c.getArgs().indexOf("--control-port") + 1);
        assertThat(c.getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("control");
            assertThat(p.getContainerPort()).isEqualTo(Integer.parseInt(controlPort));
        });
        for (String name : List.of("faultline-payments", "faultline-serve-control")) {
            V1Service service = one(all, V1Service.class, name);
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());
            service.getSpec().getPorts().forEach(p -> assertThat(p.getTargetPort().getStrValue()).isIn(ports));
        }
        String scenario = one(all, V1ConfigMap.class, "faultline-serve-scenario").getData().get("scenario.yaml");
        assertThat(scenario).contains("port: 8080");
        assertThat(c.getPorts()).anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
        assertThat(c.getArgs()).contains("/scenarios/" + "scenario.yaml");
    }

    @Test
    void theSuiteJobRunsOneShardPerIndexAndEveryShardCountAgrees() throws Exception {
        List<Manifest> all = manifests();
        V1Job job = one(all, V1Job.class, "faultline-suite");
        V1Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        int completions = job.getSpec().getCompletions();
        assertThat(job.getSpec().getParallelism()).isEqualTo(completions);
        assertThat(c.getArgs()).containsSequence("--shard", "$(SHARD)/" + completions);
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SHARD");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        });
        assertThat(job.getSpec().getPodFailurePolicy().getRules().get(0).getOnExitCodes().getValues()).containsExactly(1, 2, 4);
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        V1Job merge = one(all, V1Job.class, "faultline-suite-merge");
        assertThat(merge.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("report", "merge", "/reports", "--out", "/reports/merged");
        String claim = one(all, V1PersistentVolumeClaim.class, "faultline-reports").getMetadata().getName();
        for (V1Job j : List.of(job, merge)) {
            assertThat(j.getSpec().getTemplate().getSpec().getVolumes())
                    .filteredOn(v -> v.getPersistentVolumeClaim() != null)
                    .extracting(v -> v.getPersistentVolumeClaim().getClaimName()).containsExactly(claim);
        }
    }

    @Test
    void theScenariosInTheConfigMapsAreValidScenarios() throws Exception {
        List<Manifest> all = manifests();
        int checked = 0;
        for (String name : List.of("faultline-serve-scenario", "faultline-suite")) {
            for (Map.Entry<String, String> file : one(all, V1ConfigMap.class, name).getData().entrySet()) {
                if (!file.getKey().endsWith(".yaml")) {
                    continue;
                }
                Path path = dir.resolve(name + "-" + file.getKey());
                Files.writeString(path, file.getValue());
                LoadOutcome result = new ScenarioLoader().load(path);
                assertThat(result).as(name + "/" + file.getKey() + ": " + result).isInstanceOf(LoadOutcome.Loaded.class);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(3);
    }

    /** The CLI in-process from {@code workingDir}; returns the exit code, stdout and stderr in {@code output}. */
    private static int faultline(Path workingDir, List<String> args, StringBuilder output) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("NO_COLOR", "1");
        int code = dev.faultline.cli.Cli.commandLine(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                new dev.faultline.cli.HarnessContext(env, workingDir, false)).execute(args.toArray(String[]::new));
        output.append(out).append(err);
        return code;
    }

    /** The container's args as they run here: $(SHARD) given, /scenarios and /reports under {@code root}. */
    private static List<String> local(List<String> args, int shard, Path root) {
        return args.stream().map(a -> a.replace("$(SHARD)", String.valueOf(shard))
                .replace("/scenarios", root.resolve("scenarios").toString())
                .replace("/reports", root.resolve("reports").toString())).toList();
    }

    @Test
    void theSuiteJobAndTheMergeJobRunHereAsTheirPodsWouldAndGiveOneVerdict() throws Exception {
        List<Manifest> all = manifests();
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        for (Map.Entry<String, String> file : one(all, V1ConfigMap.class, "faultline-suite").getData().entrySet()) {
            Files.writeString(scenarios.resolve(file.getKey()), file.getValue());
        }
        V1Job job = one(all, V1Job.class, "faultline-suite");
        List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        StringBuilder output = new StringBuilder();
        List<Integer> codes = new ArrayList<>();
        for (int shard = 0; shard < job.getSpec().getCompletions(); shard++) {
            codes.add(faultline(dir, local(args, shard, dir), output));
        }
        List<String> mergeArgs = one(all, V1Job.class, "faultline-suite-merge").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getArgs();

        int merged = faultline(dir, local(mergeArgs, 0, dir), output);

        // SHA-256 mod 4: retries-over-budget.yaml is shard 0, retries-within-budget.yaml shard 2; 1 and 3 are empty
        assertThat(codes).as(output.toString()).containsExactly(1, 0, 0, 0);
        assertThat(merged).as(output.toString()).isEqualTo(1);
        String summary = Files.readString(dir.resolve("reports/merged/summary.md"));
        assertThat(summary).contains("| HELD | a client that retries twice stays within three attempts |")
                .contains("| FAILED | a client that retries five times breaks the three-attempt budget |");
        assertThat(Files.readString(dir.resolve("reports/merged/index.html"))).contains("1 held, 1 failed");
    }
}
