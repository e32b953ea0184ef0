/**
 * The fake upstream's machinery: request matching, compiled fault rules, seeded random streams,
 * the Jetty handler and its per-request exchange. Public only so the benchmarks module can measure
 * it; other modules must not depend on anything here, it changes without notice.
 */
package dev.faultline.upstream.internal;
