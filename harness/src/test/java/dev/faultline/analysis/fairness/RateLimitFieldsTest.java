package dev.faultline.analysis.fairness;

import dev.faultline.analysis.fairness.RateLimitFields.Malformed;
import dev.faultline.analysis.fairness.RateLimitFields.Quota;
import dev.faultline.analysis.fairness.RateLimitFields.Valid;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitFieldsTest {
    @Test
    void theFieldsTheFakeUpstreamSendsRead() {
        assertThat(RateLimitFields.rateLimit("\"default\";r=0;t=1")).isEqualTo(new Valid(java.util.List.of(
                new Quota("default", OptionalLong.of(0), OptionalLong.of(1), OptionalLong.empty(), OptionalLong.empty()))));
        assertThat(RateLimitFields.policy("\"default\";q=10;w=1")).isEqualTo(new Valid(java.util.List.of(
                new Quota("default", OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(10), OptionalLong.of(1)))));
    }

    @Test
    void severalPoliciesUnknownParametersAndSpacingAreRead() {
        Valid valid = (Valid) RateLimitFields.rateLimit(" \"burst\";r=0;t=5, \"daily\";r=900;t=80000;pk=:cHsx:;x=?1 ");
        assertThat(valid.quotas()).extracting(Quota::policy).containsExactly("burst", "daily");
        assertThat(valid.exhaustedResetSeconds()).hasValue(5);
        Valid policies = (Valid) RateLimitFields.policy("\"burst\";q=100;w=60,\"daily\";q=1000;w=86400;qu=\"requests\"");
        assertThat(policies.quotas()).extracting(Quota::quota).containsExactly(OptionalLong.of(100), OptionalLong.of(1000));
    }

    @Test
    void aFieldWithQuotaLeftIsNotExhausted() {
        assertThat(((Valid) RateLimitFields.rateLimit("\"default\";r=3;t=1")).exhausted()).isFalse();
    }

    @Test
    void eachWayOfBreakingTheDraftIsNamed() {
        assertThat(why(RateLimitFields.rateLimit("\"default\";t=1"))).isEqualTo("policy \"default\": no r (required)");
        assertThat(why(RateLimitFields.rateLimit("default;r=0"))).isEqualTo("a member is the token default, not a policy name in quotes");
        assertThat(why(RateLimitFields.rateLimit("\"default\";r=-1"))).isEqualTo("policy \"default\": r=-1 is not a whole number of at least 0");
        assertThat(why(RateLimitFields.rateLimit("\"default\";r=1.5"))).isEqualTo("policy \"default\": r=1.5 is not a whole number of at least 0");
        assertThat(why(RateLimitFields.rateLimit("limit=10, remaining=0"))).isEqualTo("has '=' at 6 where ',' was expected");
        assertThat(why(RateLimitFields.rateLimit("limit;r=0"))).isEqualTo("a member is the token limit, not a policy name in quotes");
        assertThat(why(RateLimitFields.rateLimit(""))).isEqualTo("empty");
        assertThat(why(RateLimitFields.rateLimit("\"default\";r=0,"))).isEqualTo("a comma with nothing after it");
        assertThat(why(RateLimitFields.rateLimit("\"default;r=0"))).isEqualTo("a string is not closed");
        assertThat(why(RateLimitFields.rateLimit("\"default\";R=0"))).isEqualTo("has 'R' at 11 where a parameter name (lowercase) was expected");
        assertThat(why(RateLimitFields.policy("\"default\";w=1"))).isEqualTo("policy \"default\": no q (required)");
        assertThat(why(RateLimitFields.policy("\"default\";q=1;w=0"))).isEqualTo("policy \"default\": w=0 is not a window");
        assertThat(why(RateLimitFields.policy("\"default\";q=1;qu=\"bytes\""))).startsWith("policy \"default\": qu=bytes is not a quota unit");
    }

    private static String why(RateLimitFields.Reading reading) {
        assertThat(reading).isInstanceOf(Malformed.class);
        return ((Malformed) reading).why();
    }
}
