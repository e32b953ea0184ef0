package dev.faultline.load;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void eachRequestGetsAFreshVersionFourUuidAndATraceparentWithTheSameBitsAsTraceId() {
        RequestIds ids = new RequestIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.next();
            String requestId = ids.requestId();
            String traceparent = ids.traceparent();

            UUID uuid = UUID.fromString(requestId);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(requestId);
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(traceparent.substring(3, 35)).isEqualTo(requestId.replace("-", ""));
            assertThat(traceparent.substring(36, 52)).isNotEqualTo("0000000000000000");
            assertThat(seen.add(requestId)).as("fresh id").isTrue();
        }
    }
}
