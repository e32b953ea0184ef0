package dev.faultline.load;

import java.time.Duration;

/**
 * What sends a load plan's requests: the event loop for cleartext HTTP/1.1 targets ({@link NioLoadEngine}),
 * OkHttp for https and HTTP/2 ({@link OkHttpLoadEngine}). {@link LoadDriver} picks one and documents the
 * guarantees both keep; the methods mean what its methods of the same names say.
 */
sealed interface LoadEngine extends AutoCloseable permits NioLoadEngine, OkHttpLoadEngine {
    void start(long originNanos, Duration duration);

    long sent();

    int inFlight();

    void stop(Duration grace);

    @Override
    void close();
}
