import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * An HTTP server that answers at once, except that it stalls completely for STALL_MS every
 * PERIOD_MS: every request that arrives (or is waiting) during a stall is answered when it ends.
 * Used to show coordinated omission: a closed-loop tool sends few requests into a stall and reports
 * a low p99; an open-loop driver keeps sending and reports the stall.
 *
 * <p>Run: java StallingServer.java PORT [STALL_MS] [PERIOD_MS]
 */
public class StallingServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long stallMillis = args.length > 1 ? Long.parseLong(args[1]) : 200;
        long periodMillis = args.length > 2 ? Long.parseLong(args[2]) : 2_000;
        long origin = System.currentTimeMillis();
        byte[] body = "ok".getBytes();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/", exchange -> {
            long intoPeriod = (System.currentTimeMillis() - origin) % periodMillis;
            if (intoPeriod >= periodMillis - stallMillis) {
                try {
                    Thread.sleep(periodMillis - intoPeriod);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("stalling server on port " + port + ": " + stallMillis + " ms stall every " + periodMillis + " ms");
    }
}
