package dev.faultline.bench;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import java.util.concurrent.TimeUnit;

/**
 * The hot-path benchmark's second anchor: the same Jetty 12 the fake upstream runs on, with nothing of
 * faultline's, answering every request {@code 503} (empty body) at once, or {@code 200 ok} after a
 * 100 ms task on Jetty's own scheduler. Beside nginx it separates what the server library allows on
 * the machine from what faultline adds on top ({@code benchmarks/hotpath/compare.sh} starts it).
 *
 * <p>Sized as the fake upstream of one client is ({@code FakeUpstream}, {@code ClientPortConnector}):
 * seven pool threads at most, a scheduler of its own, no acceptor thread and one selector, an accept
 * queue of 1,024 (1,000 clients connect at once), no Server header, no per-connection header field
 * cache, and a handler that never blocks, so it runs on the selector thread. So the difference to
 * {@code faultline serve} is faultline's own work per request. (Jetty's defaults do worse on one pinned
 * core: their 200-thread pool grew to 82 threads, and three back-to-back 5 s runs from a cold start made
 * 6,000, 12,900 and 21,000 requests/s against 17,200, 19,700 and 23,000 sized so, on the same loaded machine.)
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.faultline.bench.BareJetty 503|delay}; prints
 * {@code listening on PORT} once it accepts connections, and runs until killed.
 */
public final class BareJetty {
    private static final long DELAY_MILLIS = 100;
    private static final int ACCEPT_QUEUE = 1024;
    /** One selector plus the fake upstream's six spare threads. */
    private static final int THREADS = 7;
    private static final byte[] OK = "ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private BareJetty() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !(args[0].equals("503") || args[0].equals("delay"))) {
            System.err.println("usage: BareJetty 503|delay  (503: answer 503 at once; delay: answer 200 after 100 ms)");
            System.exit(2);
        }
        boolean delay = args[0].equals("delay");
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2);
        threads.setDaemon(true);
        Server server = new Server(threads, new ScheduledExecutorScheduler("bare-jetty-scheduler", true), null);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setHeaderCacheSize(0); // as FakeUpstream: Jetty's ~100 KB per-connection header cache left out
        ServerConnector connector = new ServerConnector(server, null, null, null, 0, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.addConnector(connector);
        server.setHandler(delay ? new Delayed() : new Unavailable());
        server.start();
        System.out.println("listening on " + connector.getLocalPort());
        server.join();
    }

    /** 503, no body. */
    private static final class Unavailable extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(503);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            response.write(true, null, callback);
            return true;
        }
    }

    /** 200 "ok" after 100 ms on the server's scheduler: no thread waits. */
    private static final class Delayed extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            request.getComponents().getScheduler().schedule(() -> {
                response.setStatus(200);
                HttpFields.Mutable headers = response.getHeaders();
                headers.put(HttpHeader.CONTENT_LENGTH, (long) OK.length);
                response.write(true, java.nio.ByteBuffer.wrap(OK), callback);
            }, DELAY_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        }
    }
}
