package dev.faultline.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A small real HTTP server on 127.0.0.1 for over-the-wire tests: routes by path, records every request. */
public final class TestTarget implements AutoCloseable {
    /** What a handler answers; {@code delayMillis} is slept before answering (on the server's own thread). */
    public record Answer(int status, String contentType, String body, long delayMillis) {
        public static Answer ok() {
            return new Answer(200, "text/plain", "ok", 0);
        }
    }

    /** One request as the server saw it. */
    public record Seen(String method, String path, Map<String, String> headers, String body, long atNanos) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-target");
        t.setDaemon(true);
        return t;
    });
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Seen, Answer>> routes = new ConcurrentHashMap<>();

    private TestTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static TestTarget start() throws IOException {
        return new TestTarget();
    }

    /** Answers requests to {@code path} with what {@code answer} returns. */
    public TestTarget route(String path, Function<Seen, Answer> answer) {
        routes.put(path, answer);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body, System.nanoTime());
        seen.add(request);
        Answer answer = routes.getOrDefault(request.path(), r -> Answer.ok()).apply(request);
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        try {
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
