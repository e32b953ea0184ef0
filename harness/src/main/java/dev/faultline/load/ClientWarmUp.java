package dev.faultline.load;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import dev.faultline.upstream.tls.RunTls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjIntConsumer;

/**
 * Warms an HTTP client up before the run's clock starts, against a throwaway server of its own on
 * loopback (never the target, which must see only the scenario's traffic). The first call through
 * OkHttp loads and initialises a few hundred classes, which otherwise shows up as a schedule lag of
 * a couple of hundred milliseconds on the first requests.
 */
public final class ClientWarmUp {
    private static final int CALLS = 3;
    private static final Duration LIMIT = Duration.ofSeconds(3);
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: application/health+json\r\n"
            + "Content-Length: 17\r\nConnection: close\r\n\r\n{\"status\":\"pass\"}").getBytes(StandardCharsets.US_ASCII);

    private ClientWarmUp() {
    }

    /** Sends a few asynchronous requests through {@code client} to a local one-shot server; best effort. */
    public static void warm(OkHttpClient client) {
        try (ServerSocket server = new ServerSocket(0, CALLS, InetAddress.getLoopbackAddress())) {
            warm(client, server, "http");
        } catch (IOException e) {
            // best effort: a run without a warm-up is still correct, only its first sends are later
        }
    }

    /**
     * Also warms the client's TLS up, for an https target: its first handshake initialises the JSSE
     * provider and its trust store, which cost the first requests of a run some 300 ms on this machine
     * (measured: the first seven requests at 20/s came 330 to 30 ms late), latency the target would be
     * blamed for. The throwaway server has a certificate of its own authority, which this warm-up's copy
     * of the client trusts; the handshake and HTTP code it runs are the client's. Best effort.
     */
    public static void warmTls(OkHttpClient client) {
        try {
            RunTls tls = RunTls.create();
            char[] password = RunTls.STORE_PASSWORD.toCharArray();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(tls.server().keyStore(password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            OkHttpClient trusting = TargetTls.of(Optional.of(tls.trustStore()), false).apply(client.newBuilder()).build();
            try (ServerSocket server = context.getServerSocketFactory().createServerSocket(0, CALLS, InetAddress.getLoopbackAddress())) {
                warm(trusting, server, "https");
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // best effort: a run without a warm-up is still correct, only its first sends are later
        }
    }

    /**
     * Warms a client this class cannot drive itself (the event-loop engine): {@code send} sends
     * {@value #CALLS} GET requests to the cleartext base url of a local one-shot server and returns once they
     * ended. Best effort.
     */
    static void warm(ObjIntConsumer<String> send) {
        try (ServerSocket server = new ServerSocket(0, CALLS, InetAddress.getLoopbackAddress())) {
            Thread answerer = new Thread(() -> answer(server), "faultline-warm-up");
            answerer.setDaemon(true);
            answerer.start();
            send.accept("http://127.0.0.1:" + server.getLocalPort(), CALLS);
        } catch (IOException | RuntimeException e) {
            // best effort: a run without a warm-up is still correct, only its first sends are later
        }
    }

    private static void warm(OkHttpClient client, ServerSocket server, String scheme) {
        try {
            Thread answerer = new Thread(() -> answer(server), "faultline-warm-up");
            answerer.setDaemon(true);
            answerer.start();
            CountDownLatch done = new CountDownLatch(CALLS);
            for (int i = 0; i < CALLS; i++) {
                Request request = new Request.Builder().url(scheme + "://127.0.0.1:" + server.getLocalPort() + "/warm-up")
                        .header("X-Request-Id", "warm-up").build();
                client.newCall(request).enqueue(new Callback() {
                    @Override
                    public void onResponse(Call call, Response response) {
                        try (ResponseBody body = response.body()) {
                            body.string();
                        } catch (IOException e) {
                            // best effort: the classes are loaded either way
                        } finally {
                            done.countDown();
                        }
                    }

                    @Override
                    public void onFailure(Call call, IOException e) {
                        done.countDown();
                    }
                });
            }
            done.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(ServerSocket server) {
        for (int i = 0; i < CALLS; i++) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                int matched = 0;
                byte[] end = {'\r', '\n', '\r', '\n'};
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                OutputStream out = socket.getOutputStream();
                out.write(RESPONSE);
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }
}
