package dev.faultline.target;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks, just before a replica starts, that nothing already listens on its port.
 *
 * <p>The readiness check and the load connect to 127.0.0.1:PORT. If another process holds the port,
 * they would talk to that intruder: the run would "pass" without ever testing the target (whose own
 * bind fails). Binding the port for a moment tells: on Linux a listening socket on the port, whether
 * on 127.0.0.1, 0.0.0.0 or [::], makes the bind fail even with SO_REUSEADDR, while a connection
 * lingering in TIME_WAIT from an earlier run does not (the target may bind over it too). A process
 * that takes the port between this check and the target's own bind is not caught.
 */
final class PortCheck {
    private PortCheck() {
    }

    /** @throws TargetStartException naming the port if it is taken */
    static void requireFree(LaunchSpec launch) throws TargetStartException {
        int port = launch.port();
        if (port <= 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw new TargetStartException("target replica " + launch.replica() + " (" + launch.commandLine()
                    + ") was not started: port " + port + " is taken by another process (" + e.getMessage()
                    + "), so the ready check and the load would reach that process instead of the target;"
                    + " stop it (`ss -ltnp 'sport = :" + port + "'` shows which) or use port: auto", e);
        }
    }
}
