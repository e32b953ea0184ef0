package dev.faultline.report.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest {

    @Test
    void aPlainPathIsLeftAsItIs() {
        assertThat(ReplayCommand.shellQuote("scenarios/outage.yaml")).isEqualTo("scenarios/outage.yaml");
    }

    @Test
    void aPathWithSpacesOrQuotesIsSingleQuotedForAPosixShell() {
        assertThat(ReplayCommand.shellQuote("my scenarios/bob's outage.yaml")).isEqualTo("'my scenarios/bob'\\''s outage.yaml'");
    }
}
