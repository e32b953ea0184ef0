package dev.faultline.upstream.spec;

import java.util.Objects;

/**
 * What a rate limit counts separately: everything together, each client (target replica), or each
 * value of a request header.
 */
public sealed interface RateLimitKey {
    /** One shared limit. */
    record Global() implements RateLimitKey {
    }

    /** One limit per target replica (known from the port the request arrived on). */
    record Client() implements RateLimitKey {
    }

    /** One limit per value of this header; requests without it share one bucket. */
    record Header(String name) implements RateLimitKey {
        public Header {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("rate-limit header name must not be blank");
            }
        }
    }
}
