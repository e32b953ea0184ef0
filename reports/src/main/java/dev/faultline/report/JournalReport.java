package dev.faultline.report;

import java.util.Objects;

/**
 * The journal's size.
 *
 * @param events   events kept
 * @param dropped  events past the cap, counted but not kept (0 means the journal is complete)
 * @param capacity the cap
 * @param file     where it was written, relative to the report folder ({@code journal.jsonl})
 */
public record JournalReport(long events, long dropped, long capacity, String file) {
    public static final JournalReport EMPTY = new JournalReport(0, 0, 0, "");

    public JournalReport {
        file = Objects.requireNonNullElse(file, "");
    }
}
