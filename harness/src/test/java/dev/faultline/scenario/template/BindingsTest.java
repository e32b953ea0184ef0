package dev.faultline.scenario.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bindings are immutable values; the environment comes only from its lookup. */
class BindingsTest {
    @Test
    void withReturnsACopyAndLeavesTheOriginalUnchanged() {
        Bindings run = Bindings.empty().withUpstream("payments", 40001);
        Bindings replica = run.withReplica(0).withTargetPort(40100);

        assertThat(run.values()).containsOnlyKeys("upstreams.payments.url", "upstreams.payments.port");
        assertThat(replica.values()).containsEntry("replica", "0").containsEntry("target.port", "40100")
                .containsEntry("upstreams.payments.url", "http://127.0.0.1:40001");
    }

    @Test
    void aPoolBindsItsFirstInstanceAsUrlAndPortAndEveryInstanceAsUrlsAndAddresses() {
        Bindings pool = Bindings.empty().withUpstreamPool("api", java.util.List.of(40001, 40007, 40003));

        assertThat(pool.values()).containsEntry("upstreams.api.url", "http://127.0.0.1:40001")
                .containsEntry("upstreams.api.port", "40001")
                .containsEntry("upstreams.api.urls", "http://127.0.0.1:40001 http://127.0.0.1:40007 http://127.0.0.1:40003")
                .containsEntry("upstreams.api.addresses", "127.0.0.1:40001 127.0.0.1:40007 127.0.0.1:40003");
    }

    @Test
    void environmentReferencesAreLookedUpNotStored() {
        Bindings bindings = Bindings.of(Map.of("replica", "1"), Map.of("TOKEN", "t0")::get);

        assertThat(bindings.lookup("env.TOKEN")).contains("t0");
        assertThat(bindings.lookup("env.OTHER")).isEmpty();
        assertThat(bindings.lookup("replica")).contains("1");
        assertThat(Bindings.empty().lookup("env.HOME")).isEmpty();
    }

    @Test
    void anEnvironmentValueCannotBeBoundAsAValue() {
        assertThatThrownBy(() -> Bindings.empty().with("env.HOME", "/tmp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bind env.HOME through the environment function, not as a value");
    }
}
