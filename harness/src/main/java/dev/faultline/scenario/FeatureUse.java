package dev.faultline.scenario;

/**
 * A key in the scenario that needs runtime support, and where it was written. The run checks these
 * against what it supports, so a key whose runtime has not landed is refused ("not supported yet")
 * rather than silently ignored.
 *
 * @param key      the feature's name: its key path with list indexes removed, e.g.
 *                 {@code load}, {@code phases.faults.connection}, {@code expect.health}
 * @param path     the exact key path where it appears, e.g. {@code phases[1].faults.payments[0].connection}
 * @param location where it was written
 */
public record FeatureUse(String key, String path, SourceLocation location) {
}
