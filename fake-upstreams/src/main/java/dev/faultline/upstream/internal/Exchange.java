package dev.faultline.upstream.internal;

import dev.faultline.journal.DependencyCall;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.upstream.internal.JettyConnectionFaults.ClientPresence;
import dev.faultline.upstream.internal.ratelimit.QuotaHeaders;
import dev.faultline.upstream.internal.ratelimit.RateLimitVerdict;
import dev.faultline.upstream.spec.Http2ErrorCode;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.EOFException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * One request at a fake upstream, from arrival to its journal event.
 *
 * <p>Lifecycle: decide (rule or route, and every random draw) as soon as the headers are in, so
 * decisions follow arrival order; read and discard the body (a keep-alive connection survives only
 * if the body is consumed, and a close with unread bytes would be an RST); then start the effect, at
 * once or when the delay's timer fires. {@link #startEffect()} is the one place effects are started;
 * each {@link Effect} then calls the primitives below (respond, cut, hang, truncate, dribble, garbage).
 * The exchange never holds a thread: the body is read on demand, delays and dribbles are tasks on
 * Jetty's scheduler, and a hang is only a registration.
 *
 * <p>Completion is guarded by one state word. {@code PENDING -> RESPONDING} is won by whoever starts
 * the effect (the timer, or the body read); {@code PENDING -> ENDED} by whoever ends the exchange
 * without one (the request's failure listener, a client seen leaving, {@link #endAtClose()},
 * {@link #endAsCut()}). A hang never leaves {@code PENDING} by itself. The winner owns Jetty's
 * callback and the journal event, so both happen exactly once. Once responding, the write's own
 * completion ({@link #succeeded()}/{@link #failed(Throwable)}, or a fault's own ending) finishes.
 *
 * <p>To keep the hot path lean, the exchange is also the write callback, the delay timer task and
 * the request view the matchers read.
 */
final class Exchange implements Callback, Runnable, RequestView {
    private static final VarHandle STATE;
    private static final VarHandle HUNG_ENDED;
    private static final int PENDING = 0;
    private static final int RESPONDING = 1;
    private static final int ENDED = 2;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Exchange.class, "state", int.class);
            HUNG_ENDED = MethodHandles.lookup().findVarHandle(Exchange.class, "hungEnded", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final UpstreamHandler upstream;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ConnectionTag connection;
    private final long arrivalNanoTime;
    // Captured on arrival: these are references into the parsed request, not copies.
    private final String method;
    private final String path;
    private final String requestId;
    private final String traceparent;
    private final String idempotencyKey;
    private final int stream;

    private CompiledRule rule;
    private PreparedResponse answer;
    private String effect;
    private long delayPlannedNanos = -1;
    private long responseStartNanoTime;
    private boolean closeAfterResponse;
    private boolean async;
    private boolean held;
    private RateLimitVerdict admission;
    private RateLimitVerdict refusal;
    private HttpField[] quotaFields;
    /** Fields a rule adds to a forwarded answer's head (deprecate's), or null. */
    private java.util.List<HttpField> headFields;
    private byte[] garbage;
    private volatile DribbledBody dribble;
    private volatile ThrottledBody throttled;
    /** Set once the head went out of a hang after headers: the exchange waits for its client (or the close). */
    /** Set once a hang after headers has ended (through {@link #HUNG_ENDED}: no object per exchange on the request path). */
    @SuppressWarnings("unused")
    private volatile boolean hungEnded;
    private volatile int hungStatus = -1;
    /** True when the answer comes from a proxy upstream's real dependency (no route matched). */
    private boolean forwarding;
    private volatile Forwarding forward;
    /** The client left while a forwarded request was under way (so the dependency's side was aborted by us). */
    private volatile boolean clientLeft;
    private DependencyCall dependency;
    private volatile boolean cut;
    private volatile Scheduler.Task timer;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    Exchange(UpstreamHandler upstream, Request request, Response response, Callback callback) {
        this.upstream = upstream;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.connection = ConnectionTag.of(request.getConnectionMetaData(), upstream.connectionIds());
        this.arrivalNanoTime = request.getBeginNanoTime();
        this.method = request.getMethod();
        this.path = request.getHttpURI().getPath();
        this.requestId = request.getHeaders().get("X-Request-Id");
        this.traceparent = request.getHeaders().get("traceparent");
        this.idempotencyKey = request.getHeaders().get("Idempotency-Key");
        this.stream = Http2Wire.streamId(request);
    }

    /** Decides the answer, makes every draw, and starts reading the body. */
    void begin() {
        RequestRouter router = upstream.router();
        rule = upstream.rules().select(this);
        if (rule == null) {
            answer = router.route(this);
            effect = answer == router.notFound() ? "not-found" : "route";
        } else {
            effect = rule.effectName();
            delayPlannedNanos = rule.drawDelayNanos();
            rule.effect().draw(this);
        }
        if (admission != null && refusal == null) {
            quotaFields = QuotaHeaders.forAdmitted(admission, upstream.clock());
        }
        forwarding = upstream.forwarder() != null && ProxyDecision.forwards(rule, this, router);
        if (forwarding) {
            if (rule == null) {
                effect = "proxy";
            }
            // The body is not read here: it streams to the dependency once the effect starts.
            bodyRead();
            return;
        }
        if (rule != null && !rule.effect().readsBody()) {
            startEffect();
            return;
        }
        readBody();
    }

    @Override
    public void rateLimited(RateLimitVerdict verdict) {
        // A refusal fires its rule and ends the selection, so it is the last verdict; of the limits
        // that admitted the request, the first speaks for it.
        if (!verdict.admitted()) {
            refusal = verdict;
        } else if (admission == null) {
            admission = verdict;
        }
    }

    private void readBody() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                goAsync();
                request.demand(Invocable.from(Invocable.InvocationType.NON_BLOCKING, this::readBody));
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                abandon(chunk.getFailure());
                return;
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                bodyRead();
                return;
            }
        }
    }

    private void bodyRead() {
        if (delayPlannedNanos > 0) {
            // The delay counts from arrival, so a slow request body does not lengthen it.
            long remainingNanos = arrivalNanoTime + delayPlannedNanos - System.nanoTime();
            if (remainingNanos > 0) {
                goAsync();
                hold();
                timer = request.getComponents().getScheduler().schedule(this, remainingNanos, TimeUnit.NANOSECONDS);
                return;
            }
        }
        startEffect();
    }

    /** The delay is over. */
    @Override
    public void run() {
        startEffect();
    }

    /** Every way a request can be answered, or not, starts here: the route's answer, or the rule's {@link Effect}. */
    private void startEffect() {
        if (timer != null && clientLeftDuringDelay()) {
            return;
        }
        if (rule == null) {
            if (forwarding) {
                forward(BodyShape.WHOLE);
                return;
            }
            respondWith(answer);
            return;
        }
        boolean started = rule.effect().start(this);
        assert started || (int) STATE.getVolatile(this) == ENDED : "an effect that did not start left the exchange " + state;
    }

    /**
     * Looks whether the client left while the delay ran; if so ends the exchange as client gone.
     * See {@link JettyConnectionFaults#clientPresence(Request)} for why this look is needed.
     */
    private boolean clientLeftDuringDelay() {
        ClientPresence presence = JettyConnectionFaults.clientPresence(request);
        if (presence == ClientPresence.GONE) {
            abandon(new EOFException("the client closed the connection during the delay"));
            return true;
        }
        closeAfterResponse = presence == ClientPresence.SENT_MORE;
        return false;
    }

    /** Claims the exchange to start the effect; false if it has already ended. */
    private boolean take() {
        if (!STATE.compareAndSet(this, PENDING, RESPONDING)) {
            return false;
        }
        markEffectStart();
        return true;
    }

    // The achieved delay ends when the effect actually starts, whatever the effect is.
    private void markEffectStart() {
        if (delayPlannedNanos >= 0) {
            responseStartNanoTime = System.nanoTime();
        }
    }

    /** The matched route's answer (or not found). */
    PreparedResponse route() {
        return upstream.router().route(this);
    }

    /** Answers the rate limit's refusal: 429 with its quota headers. */
    boolean refuse() {
        return respondWith(QuotaHeaders.refusal(refusal, upstream.clock()));
    }

    /** The noise a garbage body sends, drawn when the rule fired. */
    void garbage(byte[] noise) {
        garbage = noise;
    }

    boolean respondWith(PreparedResponse chosen) {
        if (forwarding && chosen == upstream.router().notFound()) {
            return forward(BodyShape.WHOLE);
        }
        if (!take()) {
            return false;
        }
        answer = chosen;
        chosen.writeTo(response, quotaFields, this, closeAfterResponse);
        return true;
    }

    /** Drop (FIN) or reset (RST): close the connection with no response. */
    boolean cut(boolean reset, String what) {
        if (!take()) {
            return false;
        }
        String why = "fake upstream " + upstream.name() + " " + what + " (fault " + rule.id() + ")";
        JettyConnectionFaults.close(request, reset, why);
        endFaulted(0, 0, why);
        return true;
    }

    /**
     * Never answer. The exchange stays pending until the client leaves (watched on the
     * connection, so the journal says when) or the upstream closes; the idle timeout is ignored.
     */
    boolean hang() {
        if (!park()) {
            return false;
        }
        JettyConnectionFaults.watchUntilClientLeaves(request,
                () -> abandon(new EOFException("the client closed the connection of a hanging request")));
        return true;
    }

    /** Resets the request's HTTP/2 stream with {@code error}, sending no response. */
    boolean resetStream(Http2ErrorCode error) {
        if (!take()) {
            return false;
        }
        String why = "fake upstream " + upstream.name() + " reset stream " + stream + " with " + error.name()
                + " (fault " + rule.id() + ")";
        Callback ended = Callback.from(() -> endFaulted(0, 0, why), failure -> endFaulted(0, 0, why));
        if (!Http2Wire.reset(request, stream, error.code(), ended)) {
            // The stream is already gone (its client reset it first): nothing is left to reset.
            ended.succeeded();
        }
        return true;
    }

    /**
     * Sends GOAWAY with {@code error} and {@code lastStreamId} ({@code -1}: this stream's id). A
     * graceful one ({@code NO_ERROR}) that covers this stream lets the route answer it; any other
     * closes the connection once the frame is written, and this stream gets no response.
     */
    boolean goAway(Http2ErrorCode error, int lastStreamId) {
        int last = lastStreamId < 0 ? stream : lastStreamId;
        String reason = "faultline " + rule.id();
        if (error == Http2ErrorCode.NO_ERROR && stream <= last) {
            if ((int) STATE.getVolatile(this) != PENDING) {
                return false;
            }
            Http2Wire.goAway(request, last, error.code(), reason, false, Callback.NOOP);
            return respondWith(route());
        }
        if (!take()) {
            return false;
        }
        String why = "fake upstream " + upstream.name() + " sent GOAWAY " + error.name() + " with last stream " + last
                + " on stream " + stream + (error == Http2ErrorCode.NO_ERROR ? ", which it then did not answer" : ", then closed the connection")
                + " (fault " + rule.id() + ")";
        Callback ended = Callback.from(() -> endFaulted(0, 0, why), failure -> endFaulted(0, 0, why));
        if (!Http2Wire.goAway(request, last, error.code(), reason, error != Http2ErrorCode.NO_ERROR, ended)) {
            ended.succeeded();
        }
        return true;
    }

    /**
     * Never reads the request's body, so its stream's flow-control window never reopens and the
     * client's upload stops when the window is spent. The exchange waits, like a hang, until the
     * client resets the stream or closes the connection (the failure listener) or the upstream closes.
     */
    boolean stallWindow() {
        return park();
    }

    /** Leaves the exchange pending with no answer and no idle timeout (a hang, a stalled window); false if already decided. */
    private boolean park() {
        if ((int) STATE.getVolatile(this) != PENDING) {
            return false;
        }
        markEffectStart();
        goAsync();
        hold();
        return true;
    }

    /**
     * Declare the whole length, send part of the body, then close. When the body is not longer than
     * {@code truncate-after}, the declared length is one byte more than that, so the client always
     * sees the body end early.
     */
    boolean truncate(PreparedResponse route, long keep) {
        if (forwarding && route == upstream.router().notFound()) {
            return forward(new BodyShape.Truncate(keep));
        }
        if (!take()) {
            return false;
        }
        answer = route;
        int sent = (int) Math.min(keep, route.bodyLength());
        route.writeHead(response, quotaFields, false);
        long declared = Math.max(route.bodyLength(), keep + 1);
        if (declared != route.bodyLength()) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, declared);
        }
        ByteBuffer part = route.body();
        part.limit(part.position() + sent);
        String why = "fake upstream " + upstream.name() + " cut the body after " + sent + " of " + declared
                + " bytes (fault " + rule.id() + ")";
        response.write(false, part, Callback.from(() -> endFaulted(route.status(), sent, why), this::failed));
        return true;
    }

    /** Sends the head, then the body {@code bytes} at a time, one chunk each {@code everyNanos}. */
    boolean dribble(PreparedResponse route, int bytes, long everyNanos) {
        if (forwarding && route == upstream.router().notFound()) {
            return forward(new BodyShape.Dribble(bytes, everyNanos));
        }
        if (!take()) {
            return false;
        }
        answer = route;
        route.writeHead(response, quotaFields, closeAfterResponse);
        goAsync();
        hold();
        DribbledBody body = new DribbledBody(response, route.body(), bytes, everyNanos,
                request.getComponents().getScheduler(), this);
        dribble = body;
        body.iterate();
        return true;
    }

    /** Sends the head at once, then the body at {@code bytesPerSecond} ({@code body: {bandwidth}}). */
    boolean throttle(PreparedResponse route, long bytesPerSecond) {
        if (forwarding && route == upstream.router().notFound()) {
            return forward(new BodyShape.Throttle(new Pacing(bytesPerSecond)));
        }
        if (!take()) {
            return false;
        }
        answer = route;
        route.writeHead(response, quotaFields, closeAfterResponse);
        goAsync();
        hold();
        ThrottledBody body = new ThrottledBody(response, route.body(), bytesPerSecond,
                request.getComponents().getScheduler(), this);
        throttled = body;
        body.iterate();
        return true;
    }

    /**
     * Answers the route's response with its JSON body drifted, or, when the request is forwarded, the
     * dependency's (held up to {@link BodyShape.Drift#MAX_BYTES}); either way journalled as a drift event.
     */
    boolean drift(PreparedResponse route, dev.faultline.upstream.drift.JsonDrift drift) {
        if (forwarding && route == upstream.router().notFound()) {
            return forward(new BodyShape.Drift(drift, BodyShape.Drift.MAX_BYTES));
        }
        String contentType = RewrittenResponse.header(route, HttpHeader.CONTENT_TYPE.asString());
        dev.faultline.upstream.drift.DriftOutcome outcome = drift.apply(RewrittenResponse.body(route), contentType);
        noteDrift(contentType, outcome.mutations(), outcome.skipped());
        return respondWith(outcome.applied() ? RewrittenResponse.withBody(route, outcome.body()) : route);
    }

    /** Answers the route's response, or the dependency's when forwarded, with {@code fields} added to its head. */
    boolean withFields(PreparedResponse route, java.util.List<HttpField> fields) {
        if (forwarding && route == upstream.router().notFound()) {
            headFields = fields;
            return forward(BodyShape.WHOLE);
        }
        return respondWith(RewrittenResponse.withFields(route, fields));
    }

    /** Journals what a drift rule did to this request's response (before the response is sent). */
    void noteDrift(String contentType, java.util.List<String> mutations, String skipped) {
        upstream.journal().append(new dev.faultline.journal.ResponseDrift(upstream.clock().toRunNanos(arrivalNanoTime),
                upstream.name(), connection.client, connection.id, method, path, requestId, rule.id(), contentType, mutations,
                skipped));
    }

    /**
     * Forwards the request to the proxy upstream's real dependency; its answer comes back shaped by
     * {@code shape} (a body fault, or whole). The body streams from the client as the dependency reads it.
     */
    boolean forward(BodyShape shape) {
        if (!take()) {
            return false;
        }
        goAsync();
        // The dependency's own pace (and the forwarding client's idle timeout), not this connection's
        // idle timeout, decides how long a forwarded exchange may take.
        hold();
        Forwarding started = new Forwarding(this, request, response, upstream.forwarder(), shape);
        forward = started;
        started.start();
        return true;
    }

    /**
     * Looks, as the dependency's head arrives, whether the client already left (a write to its closed
     * connection could still succeed); if so ends the exchange as client gone. The same look a delay
     * takes before it answers ({@link #clientLeftDuringDelay()}).
     */
    boolean clientGoneBeforeHead(Forwarding from) {
        if (!clientLeft) {
            // Only without a request body: the look reads a byte, which must not be one of the body's.
            if (ProxyForwarder.hasBody(request)) {
                return false;
            }
            ClientPresence presence = JettyConnectionFaults.clientPresence(request);
            if (presence != ClientPresence.GONE) {
                // a pipelined client lost the byte the look read: its connection ends after this answer
                closeAfterResponse |= presence == ClientPresence.SENT_MORE;
                return false;
            }
        }
        clientLeft = true;
        dependency = from.call("the client left before the dependency answered");
        finish(Outcome.CLIENT_GONE, 0, 0);
        callback.failed(new Request.Handler.AbortException("fake upstream " + upstream.name()
                + ": the client left before the dependency answered"));
        return true;
    }

    /** The dependency's head arrived (status and headers are set on the response, not yet written). */
    void forwardedHead(Forwarding from) {
        if (headFields != null) {
            for (HttpField field : headFields) {
                response.getHeaders().add(field);
            }
        }
        if (quotaFields != null) {
            for (HttpField field : quotaFields) {
                response.getHeaders().add(field);
            }
        }
        if (closeAfterResponse) {
            response.getHeaders().put(org.eclipse.jetty.http.HttpFields.CONNECTION_CLOSE);
        }
    }

    /**
     * A garbage fault on a forwarded request: the dependency's status and headers (this hop's own
     * left out) go out raw as a chunked head, then the drawn noise, then the connection closes.
     */
    void forwardedGarbage(Forwarding from, PreparedResponse head) {
        dependency = from.call(null);
        answer = head;
        ByteBuffer bytes = GarbageResponse.bytes(head, quotaFields, garbage);
        String why = "fake upstream " + upstream.name() + " sent " + garbage.length
                + " random bytes under the dependency's head (fault " + rule.id() + ")";
        JettyConnectionFaults.writeRawThenClose(request, bytes, Callback.from(
                () -> endFaulted(head.status(), garbage.length, why),
                failure -> {
                    finish(endedBy(), 0, 0);
                    callback.failed(failure);
                }));
    }

    /** The dependency gave no answer: the proxy answers 502 itself, and the journal says so. */
    void dependencyUnreachable(Forwarding from, Throwable failure) {
        if (clientLeft) {
            dependency = from.call("the client left before the dependency answered");
            finish(endedBy(), 0, 0);
            callback.failed(failure);
            return;
        }
        String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        dependency = from.call(why);
        effect = "proxy-error";
        answer = PreparedResponse.of(dev.faultline.upstream.spec.Respond.of(502,
                java.util.Map.of("Content-Type", "text/plain;charset=utf-8"),
                "faultline: upstream " + upstream.name() + " could not get an answer from its dependency "
                        + from.dependency() + ": " + why + "\n"));
        if (response.isCommitted()) {
            finish(Outcome.FAULTED, 0, 0);
            callback.failed(new Request.Handler.AbortException(why));
            return;
        }
        answer.writeTo(response, quotaFields, this, true);
    }

    /** The dependency's answer went to the client whole (or shaped by a dribble, which ends whole). */
    void forwardCompleted(Forwarding from, long bytes) {
        dependency = from.call(null);
        finish(Outcome.COMPLETED, from.status(), bytes);
        callback.succeeded();
    }

    /** A truncation cut the dependency's body on purpose. */
    void forwardCut(Forwarding from, long bytes) {
        dependency = from.call(null);
        endFaulted(from.status(), bytes, "fake upstream " + upstream.name() + " cut the dependency's body after "
                + bytes + " bytes (fault " + rule.id() + ")");
    }

    /** The dependency's body broke off after its head: the client sees it end early, as the dependency made it. */
    void forwardBrokeOff(Forwarding from, long bytes, Throwable failure) {
        if (clientLeft) {
            forwardClientFailed(from, bytes, failure);
            return;
        }
        String why = "the dependency's body broke off after " + bytes + " bytes: " + failure.getMessage();
        dependency = from.call(why);
        finish(Outcome.FAULTED, from.status(), bytes);
        callback.failed(new Request.Handler.AbortException(why));
    }

    /** Writing the dependency's answer to the client failed: the client left, or the upstream is closing. */
    void forwardClientFailed(Forwarding from, long bytes, Throwable failure) {
        dependency = from.call(null);
        finish(endedBy(), response.isCommitted() ? from.status() : 0, bytes);
        callback.failed(failure);
    }

    /**
     * Sends the route's status and headers (an empty write commits them), then drops, resets or
     * hangs the connection instead of sending the body.
     */
    boolean afterHeaders(PreparedResponse route, dev.faultline.upstream.spec.FaultAction.AfterHeaders.Then then) {
        if (forwarding && route == upstream.router().notFound()) {
            return forward(new BodyShape.AfterHeaders(then));
        }
        if (!take()) {
            return false;
        }
        answer = route;
        route.writeHead(response, quotaFields, false);
        goAsync();
        hold();
        response.write(false, org.eclipse.jetty.util.BufferUtil.EMPTY_BUFFER,
                Callback.from(() -> headersSent(null, route.status(), then), this::failed));
        return true;
    }

    /** The head of an after-headers fault went out: now drop, reset or hang. */
    void headersSent(Forwarding from, int status, dev.faultline.upstream.spec.FaultAction.AfterHeaders.Then then) {
        if (from != null) {
            dependency = from.call(null);
        }
        if (then == dev.faultline.upstream.spec.FaultAction.AfterHeaders.Then.HANG) {
            hungStatus = status;
            JettyConnectionFaults.watchUntilClientLeaves(request, () -> endHung(Outcome.CLIENT_GONE,
                    "the client closed the connection of a response hanging after its headers"));
            return;
        }
        boolean reset = then == dev.faultline.upstream.spec.FaultAction.AfterHeaders.Then.RESET;
        String why = "fake upstream " + upstream.name() + (reset ? " reset" : " dropped") + " the connection after the"
                + " headers (fault " + rule.id() + ")";
        JettyConnectionFaults.close(request, reset, why);
        endFaulted(status, 0, why);
    }

    /** A response hanging after its headers ended: its client left, or the upstream closed or went down. */
    private void endHung(Outcome outcome, String why) {
        if (hungStatus < 0 || !HUNG_ENDED.compareAndSet(this, false, true)) {
            return;
        }
        finish(outcome, hungStatus, 0);
        callback.failed(new Request.Handler.AbortException(why));
    }

    /** Sends the head as chunked, then the drawn noise where the chunks should be, then closes. */
    boolean sendGarbage(PreparedResponse route) {
        if (forwarding && route == upstream.router().notFound()) {
            return forward(new BodyShape.Garbage());
        }
        if (!take()) {
            return false;
        }
        answer = route;
        ByteBuffer bytes = GarbageResponse.bytes(route, quotaFields, garbage);
        String why = "fake upstream " + upstream.name() + " sent " + garbage.length
                + " random bytes as a chunked body (fault " + rule.id() + ")";
        JettyConnectionFaults.writeRawThenClose(request, bytes, Callback.from(
                () -> endFaulted(route.status(), garbage.length, why),
                failure -> {
                    finish(endedBy(), 0, 0);
                    callback.failed(failure);
                }));
        return true;
    }

    /** A fault ended the exchange on purpose: journal it, then let Jetty abort what is left. */
    private void endFaulted(int status, long bytesSent, String why) {
        finish(Outcome.FAULTED, status, bytesSent);
        // An abort, so Jetty closes the connection instead of completing the response or sending an error page.
        callback.failed(new Request.Handler.AbortException(why));
    }

    /** The response was written whole. */
    @Override
    public void succeeded() {
        // Jetty writes no body for HEAD, whatever the handler gives it.
        finish(Outcome.COMPLETED, answer.status(), "HEAD".equals(method) ? 0 : answer.bodyLength());
        callback.succeeded();
    }

    /** Writing the response failed: the client went away, or the upstream is closing or went down. */
    @Override
    public void failed(Throwable failure) {
        finish(endedBy(), response.isCommitted() ? answer.status() : 0, Response.getContentBytesWritten(response));
        callback.failed(failure);
    }

    /** How an exchange that did not complete ended, when nothing more specific is known. */
    private Outcome endedBy() {
        if (cut || upstream.cutting() || (stream != 0 && Http2Wire.goneAway(request))) {
            return Outcome.FAULTED;
        }
        return upstream.closing() ? Outcome.OPEN : Outcome.CLIENT_GONE;
    }

    @Override
    public InvocationType getInvocationType() {
        return callback.getInvocationType();
    }

    /** The request ended before an effect started (client gone, server stopping), or a hang's client left. */
    private void abandon(Throwable failure) {
        if (hungStatus >= 0) {
            endHung(endedBy(), "the client left a response hanging after its headers");
            return;
        }
        Forwarding forwarded = forward;
        if (forwarded != null) {
            // The client left while the dependency answered: stop asking it; how the forwarding then ends journals it.
            clientLeft = true;
            forwarded.abortDependency(failure);
        }
        if (!STATE.compareAndSet(this, PENDING, ENDED)) {
            return;
        }
        cancelTimer();
        finish(endedBy(), 0, 0);
        // An abort, so Jetty closes the connection instead of sending an error page the journal
        // would not know about (a client that stalls mid-body would otherwise get a 500).
        callback.failed(new Request.Handler.AbortException(
                "fake upstream " + upstream.name() + ": request ended before its answer", failure));
    }

    /** The upstream is closing while this exchange waits: journal it as open (or its client as gone). */
    void endAtClose() {
        if (STATE.compareAndSet(this, PENDING, ENDED)) {
            cancelTimer();
            boolean gone = JettyConnectionFaults.clientPresence(request) == ClientPresence.GONE;
            finish(gone ? Outcome.CLIENT_GONE : Outcome.OPEN, 0, 0);
            callback.failed(new Request.Handler.AbortException(
                    "fake upstream " + upstream.name() + " closed while this exchange was open"));
            return;
        }
        stopDribble("fake upstream " + upstream.name() + " closed during a dribbled body");
    }

    /**
     * The upstream is going down and cuts its connections: journal this exchange as faulted (the
     * upstream, not the client, ended it). The connection itself is closed by the caller.
     */
    void endAsCut() {
        cut = true;
        if (STATE.compareAndSet(this, PENDING, ENDED)) {
            cancelTimer();
            finish(Outcome.FAULTED, 0, 0);
            callback.failed(new Request.Handler.AbortException(
                    "fake upstream " + upstream.name() + " went down while this exchange was open"));
            return;
        }
        stopDribble("fake upstream " + upstream.name() + " went down during a dribbled body");
    }

    private void stopDribble(String why) {
        endHung(cut || upstream.cutting() ? Outcome.FAULTED : Outcome.OPEN, why);
        DribbledBody body = dribble;
        if (body != null) {
            body.stop(new Request.Handler.AbortException(why));
        }
        ThrottledBody paced = throttled;
        if (paced != null) {
            paced.stop(new Request.Handler.AbortException(why));
        }
        Forwarding forwarded = forward;
        if (forwarded != null) {
            forwarded.stop(new Request.Handler.AbortException(why));
        }
    }

    private void goAsync() {
        if (!async) {
            async = true;
            upstream.opened(this);
            request.addFailureListener(this::abandon);
        }
    }

    /**
     * The fault, not the connection's idle timeout, decides when this exchange ends (a delay or a
     * dribble interval may outlast it; a hang must). A write that stalls is still failed by Jetty
     * directly, without asking this listener.
     */
    private void hold() {
        if (!held) {
            held = true;
            request.addIdleTimeoutListener(timeout -> false);
        }
    }

    private void cancelTimer() {
        Scheduler.Task task = timer;
        if (task != null) {
            task.cancel();
        }
    }

    private void finish(Outcome outcome, int status, long bytesSent) {
        if (async) {
            upstream.closed(this);
        }
        long endNanos = outcome == Outcome.OPEN ? -1 : upstream.clock().nanos();
        long achievedNanos = responseStartNanoTime != 0 ? responseStartNanoTime - arrivalNanoTime : -1;
        // A relayed answer's Retry-After and RateLimit are the dependency's; the proxy's own 502 has none.
        Forwarding forwarded = forward;
        boolean relayed = forwarded != null && !"proxy-error".equals(effect);
        String retryAfter = status == 0 ? null : relayed ? forwarded.retryAfter() : answer != null ? answer.retryAfter() : null;
        String rateLimit = status == 0 ? null : relayed && forwarded.rateLimit() != null ? forwarded.rateLimit() : rateLimitSent();
        upstream.counters().record(status, effect);
        upstream.journal().append(new UpstreamRequest(
                upstream.clock().toRunNanos(arrivalNanoTime), endNanos, upstream.name(), connection.client,
                connection.id, method, path, requestId, traceparent, idempotencyKey,
                rule == null ? null : rule.id(), effect, status, bytesSent,
                delayPlannedNanos, achievedNanos, retryAfter, rateLimit, outcome, upstream.instance(), stream, dependency));
    }

    /** The {@code RateLimit} field of the response: the answer's own (a refusal's), else an admitting limit's. */
    private String rateLimitSent() {
        if (answer != null && answer.rateLimit() != null) {
            return answer.rateLimit();
        }
        if (quotaFields != null) {
            for (HttpField field : quotaFields) {
                if (field.is(PreparedResponse.RATE_LIMIT)) {
                    return field.getValue();
                }
            }
        }
        return null;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return request.getHttpURI().getQuery();
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public int client() {
        return connection.client;
    }

    @Override
    public int stream() {
        return stream;
    }
}
