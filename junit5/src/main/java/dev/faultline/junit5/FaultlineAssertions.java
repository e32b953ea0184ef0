package dev.faultline.junit5;

/**
 * Entry point of the journal assertions: {@code import static dev.faultline.junit5.FaultlineAssertions.assertThat;}.
 * It overloads with AssertJ's {@code Assertions.assertThat} when both are imported statically.
 */
public final class FaultlineAssertions {
    private FaultlineAssertions() {
    }

    /** Assertions on what one upstream received: {@code assertThat(fl.journal("payments")).hasAttemptsPerCallAtMost(3)}. */
    public static JournalAssert assertThat(UpstreamJournal journal) {
        return new JournalAssert(journal);
    }
}
