package dev.faultline.probe;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HealthBodyTest {
    private static final String HEALTH_JSON = "application/health+json";

    @Test
    void theDraftsStatusesAndTheirAliasesFoldToPassWarnFail() {
        assertThat(HealthBody.status(HEALTH_JSON, "{\"status\":\"pass\"}")).contains("pass");
        assertThat(HealthBody.status(HEALTH_JSON, "{\"status\":\"ok\"}")).contains("pass");
        assertThat(HealthBody.status(HEALTH_JSON, "{\"status\":\"up\"}")).contains("pass");
        assertThat(HealthBody.status(HEALTH_JSON, "{\"status\":\"warn\",\"output\":\"slow\"}")).contains("warn");
        assertThat(HealthBody.status(HEALTH_JSON, "{\"status\":\"fail\"}")).contains("fail");
        assertThat(HealthBody.status(HEALTH_JSON, "{\"status\":\"error\"}")).contains("fail");
        assertThat(HealthBody.status(HEALTH_JSON + "; charset=utf-8", "{\"status\":\"down\"}")).contains("fail");
    }

    @Test
    void springBootsUpperCaseStatusesAreReadFromItsOwnJsonType() {
        String spring = "application/vnd.spring-boot.actuator.v3+json";

        assertThat(HealthBody.status(spring, "{\"status\":\"UP\",\"components\":{}}")).contains("pass");
        assertThat(HealthBody.status(spring, "{\"status\":\"OUT_OF_SERVICE\"}")).contains("fail");
    }

    @Test
    void bodiesWithoutAKnownStatusDeclareNone() {
        assertThat(HealthBody.status("text/plain", "{\"status\":\"pass\"}")).isEmpty();
        assertThat(HealthBody.status(null, "ok")).isEmpty();
        assertThat(HealthBody.status(HEALTH_JSON, "")).isEmpty();
        assertThat(HealthBody.status(HEALTH_JSON, "{\"status\":\"purple\"}")).isEmpty();
        assertThat(HealthBody.status(HEALTH_JSON, "{\"status\":200}")).isEmpty();
        assertThat(HealthBody.status(HEALTH_JSON, "not json")).isEqualTo(Optional.empty());
    }
}
