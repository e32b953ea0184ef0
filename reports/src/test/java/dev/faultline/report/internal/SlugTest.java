package dev.faultline.report.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlugTest {

    @Test
    void aScenarioNameBecomesLowerCaseWordsJoinedByHyphens() {
        assertThat(Slug.of("Checkout survives a Payments outage!")).isEqualTo("checkout-survives-a-payments-outage");
    }

    @Test
    void accentsAreDroppedAndDotsNeverSurviveSoCiDoesNotSplitTheClassName() {
        assertThat(Slug.of("Café v1.2 — résumé")).isEqualTo("cafe-v1-2-resume");
    }

    @Test
    void aNameWithNoLettersOrDigitsStillGivesAUsableSlug() {
        assertThat(Slug.of("→ ← ??")).isEqualTo("scenario");
        assertThat(Slug.of(null)).isEqualTo("scenario");
    }
}
