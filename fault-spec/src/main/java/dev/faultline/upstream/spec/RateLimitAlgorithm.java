package dev.faultline.upstream.spec;

/** How a rate limit counts admissions. */
public enum RateLimitAlgorithm {
    /** A bucket of {@code limit} tokens refilled continuously at {@code limit/per}. */
    TOKEN_BUCKET("token-bucket"),
    /** A counter per aligned window of length {@code per}. */
    FIXED_WINDOW("fixed-window"),
    /** An exact log of admissions over the last {@code per}. */
    SLIDING_WINDOW("sliding-window");

    private final String key;

    RateLimitAlgorithm(String key) {
        this.key = key;
    }

    /** The name used in scenario files. */
    public String key() {
        return key;
    }
}
