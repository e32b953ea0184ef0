package dev.faultline.upstream;

import dev.faultline.journal.Journal;
import dev.faultline.upstream.control.ControlServer;
import dev.faultline.upstream.control.ControlTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The control API refuses what a web page in a browser on the same machine could send it; curl judges. */
class ControlApiGuardAcceptanceTest {
    private final AtomicInteger resets = new AtomicInteger();
    private final Journal journal = Journal.withDefaultCapacity();
    private ControlServer api;

    private final ControlTarget target = new ControlTarget() {
        @Override
        public Map<String, Object> status() {
            return Map.of("resets", resets.get());
        }

        @Override
        public void switchPhase(String name) {
        }

        @Override
        public Journal journal() {
            return journal;
        }

        @Override
        public void reset() {
            resets.incrementAndGet();
        }
    };

    @AfterEach
    void close() {
        if (api != null) {
            api.close();
        }
    }

    private String start() throws Exception {
        api = ControlServer.start("127.0.0.1", 0, null, target);
        return "http://127.0.0.1:" + api.port();
    }

    private static Curl curl(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--write-out";
        all[1] = "\\n%{http_code}";
        System.arraycopy(args, 0, all, 2, args.length);
        return Curl.run(all);
    }

    private static String status(Curl curl) {
        return curl.out().substring(curl.out().lastIndexOf('\n') + 1);
    }

    @Test
    void aCrossOriginResetFromAWebPageIsRefusedAndChangesNothing() throws Exception {
        String url = start();

        Curl refused = curl("-X", "POST", "-H", "Origin: http://attacker.example", url + "/reset");

        assertThat(status(refused)).isEqualTo("403");
        assertThat(refused.out()).contains("Origin: http://attacker.example").contains("another site");
        assertThat(resets).hasValue(0);
    }

    @Test
    void aDnsRebindingRequestNamingAForeignHostIsRefusedForReadsAndWrites() throws Exception {
        String url = start();

        Curl read = curl("-H", "Host: attacker.example:" + api.port(), url + "/journal");
        Curl write = curl("-X", "POST", "-H", "Host: attacker.example", url + "/reset");

        assertThat(status(read)).isEqualTo("403");
        assertThat(read.out()).contains("Host: attacker.example").contains("DNS rebinding");
        assertThat(status(write)).isEqualTo("403");
        assertThat(resets).hasValue(0);
    }

    @Test
    void curlByAddressOrByLocalhostAndSameOriginStateChangesAreServed() throws Exception {
        String url = start();
        int port = api.port();

        assertThat(status(curl("-X", "POST", url + "/reset"))).isEqualTo("200");
        assertThat(status(curl("-X", "POST", "http://localhost:" + port + "/reset"))).isEqualTo("200");
        assertThat(status(curl("-H", "Host: [::1]:" + port, url + "/status"))).isEqualTo("200");
        assertThat(status(curl("-X", "POST", "-H", "Origin: http://localhost:" + port, url + "/reset"))).isEqualTo("200");
        assertThat(status(curl("-H", "Origin: http://attacker.example", url + "/status")))
                .as("a read from a foreign page is let through: the browser hides its answer").isEqualTo("200");
        assertThat(resets).hasValue(3);
    }

    @Test
    void anOriginOfAnotherPortOrOfASandboxedPageCannotChangeState() throws Exception {
        String url = start();

        assertThat(status(curl("-X", "POST", "-H", "Origin: http://localhost:1", url + "/reset"))).isEqualTo("403");
        assertThat(status(curl("-X", "POST", "-H", "Origin: null", url + "/reset"))).isEqualTo("403");
        assertThat(resets).hasValue(0);
    }

    @Test
    void offLoopbackTheTokenStillGuardsAndAnyHostNameIsAccepted() throws Exception {
        api = ControlServer.start("0.0.0.0", 0, "s3cret", target);
        String url = "http://127.0.0.1:" + api.port();

        assertThat(status(curl("-X", "POST", "-H", "Host: staging.example", url + "/reset"))).isEqualTo("401");
        assertThat(status(curl("-X", "POST", "-H", "Host: staging.example", "-H", "Authorization: Bearer s3cret",
                url + "/reset"))).isEqualTo("200");
        assertThat(status(curl("-X", "POST", "-H", "Host: staging.example", "-H", "Origin: http://attacker.example",
                "-H", "Authorization: Bearer s3cret", url + "/reset"))).isEqualTo("403");
        assertThat(resets).hasValue(1);
    }
}
