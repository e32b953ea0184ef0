package dev.faultline.upstream.spec;

/** What a {@code tls:} fault does to a new connection's handshake. */
public enum TlsFaultKind {
    /** Read the ClientHello and never answer: the client waits until its own timeout (curl: 28). */
    HANG("hang"),
    /** Read the ClientHello, then abort the connection with a TCP RST (curl: 35). */
    RESET("reset"),
    /** Present a certificate from the run's authority that expired yesterday (curl: 60). */
    EXPIRED_CERTIFICATE("expired-certificate"),
    /** Present a valid certificate from the run's authority for another host, {@code wrong-host.invalid} (curl: 60). */
    WRONG_HOST("wrong-host"),
    /** Present a certificate for the right host signed by an authority the target does not trust (curl: 60). */
    UNKNOWN_CA("unknown-ca"),
    /** Speak only an old protocol version: answer a modern ClientHello with a protocol_version alert (curl: 35). */
    VERSION("version");

    private final String word;

    TlsFaultKind(String word) {
        this.word = word;
    }

    /** How the scenario writes it. */
    public String word() {
        return word;
    }
}
