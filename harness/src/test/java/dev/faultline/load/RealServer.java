package dev.faultline.load;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real HTTP server nobody here wrote, on 127.0.0.1, as a separate process: Python's {@code http.server}
 * (HTTP/1.0, closes every connection after its answer) or nginx with a keep-alive timeout.
 */
public final class RealServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private String scheme = "http";

    private RealServer(List<String> command, Path dir, int port) throws IOException {
        this.port = port;
        this.process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("server.out").toFile()).redirectError(dir.resolve("server.err").toFile()).start();
        Awaitility.await("the server listens on port " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the server exited with " + process.exitValue() + ": "
                                + Files.readString(dir.resolve("server.err")));
                    }
                    return listening(port);
                });
    }

    /** {@code python3 -m http.server} serving {@code dir} (HTTP/1.0: one request per connection). */
    public static RealServer pythonHttpServer(Path dir) throws IOException {
        int port = freePort();
        return new RealServer(List.of("python3", "-m", "http.server", "--bind", "127.0.0.1", String.valueOf(port)), dir, port);
    }

    /** nginx answering {@code GET /} with a short text, closing keep-alive connections idle for {@code keepaliveTimeout}. */
    public static RealServer nginx(Path dir, String keepaliveTimeout) throws IOException {
        int port = freePort();
        Files.writeString(dir.resolve("nginx.conf"), """
                pid nginx.pid;
                worker_processes 1;
                events { worker_connections 256; }
                http {
                  access_log off;
                  client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;
                  keepalive_timeout %s;
                  server {
                    listen 127.0.0.1:%d;
                    location / { return 200 "ok\\n"; }
                  }
                }
                """.formatted(keepaliveTimeout, port));
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("logs"));
        return new RealServer(List.of("/usr/sbin/nginx", "-p", dir.toString(), "-c", "nginx.conf", "-e", "stderr", "-g",
                "daemon off;"), dir, port);
    }

    /**
     * nginx with the given directives inside its {@code http} block and its one {@code server} block (which
     * listens on 127.0.0.1); paths in them are relative to {@code dir}.
     */
    public static RealServer nginxWith(Path dir, String httpDirectives, String serverDirectives) throws IOException {
        int port = freePort();
        return nginxWithConfig(dir, """
                pid nginx.pid;
                worker_processes 1;
                events { worker_connections 1024; }
                http {
                  client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;
                  %s
                  server {
                    listen 127.0.0.1:%d;
                    %s
                  }
                }
                """.formatted(httpDirectives, port, serverDirectives), port);
    }

    /**
     * nginx on 127.0.0.1 with the directives of its one {@code server} block given (locations, root;
     * the {@code listen} is added), serving files from {@code dir/www} (created, writable by nginx's
     * worker so WebDAV {@code PUT} can store uploads there).
     */
    public static RealServer nginxServer(Path dir, String serverDirectives) throws IOException {
        Files.createDirectories(dir.resolve("tmp"));
        // nginx's worker runs as another user when the tests run as root: it must be able to reach the files
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        Path www = Files.createDirectories(dir.resolve("www"));
        www.toFile().setReadable(true, false);
        www.toFile().setExecutable(true, false);
        www.toFile().setWritable(true, false);
        dir.resolve("tmp").toFile().setWritable(true, false);
        return nginxWith(dir, "access_log off; keepalive_timeout 30s; keepalive_requests 100000;", "root www;\n" + serverDirectives);
    }

    /**
     * nginx with this whole configuration, which must listen on 127.0.0.1:{@code port} (a free one from
     * {@link #freeLoopbackPort()}); {@code dir} is its prefix.
     */
    public static RealServer nginxWithConfig(Path dir, String config, int port) throws IOException {
        Files.writeString(dir.resolve("nginx.conf"), config);
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("logs"));
        return new RealServer(List.of("/usr/sbin/nginx", "-p", dir.toString(), "-c", "nginx.conf", "-e", "stderr", "-g",
                "daemon off;"), dir, port);
    }

    /** A port nothing listens on at the moment, on 127.0.0.1. */
    public static int freeLoopbackPort() throws IOException {
        return freePort();
    }

    /**
     * nginx serving HTTPS (HTTP/2 and HTTP/1.1, by ALPN) on 127.0.0.1 with the certificate chain and
     * key in these PEM files, answering {@code GET /} with a short text.
     */
    public static RealServer nginxHttps(Path dir, Path certificatePem, Path keyPem) throws IOException {
        int port = freePort();
        Files.writeString(dir.resolve("nginx.conf"), """
                pid nginx.pid;
                worker_processes 1;
                events { worker_connections 256; }
                http {
                  access_log off;
                  client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;
                  server {
                    listen 127.0.0.1:%d ssl http2;
                    ssl_certificate %s;
                    ssl_certificate_key %s;
                    location / { return 200 "ok\\n"; }
                  }
                }
                """.formatted(port, certificatePem.toAbsolutePath(), keyPem.toAbsolutePath()));
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("logs"));
        RealServer server = new RealServer(List.of("/usr/sbin/nginx", "-p", dir.toString(), "-c", "nginx.conf", "-e", "stderr",
                "-g", "daemon off;"), dir, port);
        server.scheme = "https";
        return server;
    }

    public String url() {
        return scheme + "://127.0.0.1:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
