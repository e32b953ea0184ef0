package dev.faultline.scenario.template;

import dev.faultline.scenario.SourceLocation;

/**
 * A template that cannot be parsed or resolved; the message starts with the template's
 * {@code FILE:LINE:COL:} so the author finds the reference in the scenario file.
 */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;
    private final String reason;

    /**
     * @param location where the template was written, or {@code null} for a template the harness made
     * @param reason   what is wrong and how to fix it, without the location
     */
    public TemplateException(SourceLocation location, String reason) {
        super(location == null ? reason : location + ": " + reason);
        this.location = location;
        this.reason = reason;
    }

    /** Where the template was written, or {@code null}. */
    public SourceLocation location() {
        return location;
    }

    /** The message without the location prefix. */
    public String reason() {
        return reason;
    }
}
