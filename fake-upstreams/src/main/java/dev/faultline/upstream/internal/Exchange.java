package dev.faultline.upstream.internal;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.upstream.internal.JettyConnectionFaults.ClientPresence;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request at a fake upstream, from arrival to its journal event.
 *
 * <p>Lifecycle: decide (rule or route) as soon as the headers are in, so rule draws follow arrival
 * order; read and discard the body (a keep-alive connection survives only if the body is consumed);
 * then answer, at once or when the delay's timer fires. The exchange never holds a thread: the body
 * is read on demand and the delay is a task on Jetty's scheduler.
 *
 * <p>Completion is guarded by one state word. {@code PENDING -> RESPONDING} is won by whoever starts
 * the response (the timer); {@code PENDING -> ENDED} by whoever ends the exchange without one (the
 * request's failure listener, a failed body read, {@link #endAtClose()}). The winner owns Jetty's
 * callback and the journal event, so both happen exactly once. Once responding, the write's own
 * completion ({@link #succeeded()}/{@link #failed(Throwable)}) finishes the exchange.
 *
 * <p>To keep the hot path lean, the exchange is also the write callback, the delay timer task and
 * the request view the matchers read.
 */
final class Exchange implements Callback, Runnable, RequestView {
    private static final VarHandle STATE;
    private static final int PENDING = 0;
    private static final int RESPONDING = 1;
    private static final int ENDED = 2;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Exchange.class, "state", int.class);
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

    private CompiledRule rule;
    private PreparedResponse answer;
    private String effect;
    private long delayPlannedNanos = -1;
    private long responseStartNanoTime;
    private boolean closeAfterResponse;
    private boolean async;
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
    }

    /** Decides the answer and starts reading the body. */
    void begin() {
        RequestRouter router = upstream.router();
        rule = upstream.rules().select(this);
        if (rule == null) {
            answer = router.route(this);
            effect = answer == router.notFound() ? "not-found" : "route";
        } else {
            RuleEffect ruleEffect = rule.effect();
            effect = ruleEffect.journalName();
            delayPlannedNanos = rule.drawDelayNanos();
            // The one place effects are dispatched; rules with effects not implemented yet are
            // refused when a phase is entered, so those arms are not reached.
            answer = switch (ruleEffect) {
                case RESPOND -> rule.respond();
                case DELAY -> router.route(this);
                case DROP, RESET, HANG, DOWN, TRUNCATE, DRIBBLE, GARBAGE, RATE_LIMIT -> throw ruleEffect.notSupportedYet();
            };
        }
        readBody();
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
                // The delay decides when this exchange ends, not the connection's idle timeout.
                request.addIdleTimeoutListener(this::idleTimeoutEndsExchange);
                timer = request.getComponents().getScheduler().schedule(this, remainingNanos, TimeUnit.NANOSECONDS);
                return;
            }
        }
        respond();
    }

    /** The delay is over. */
    @Override
    public void run() {
        respond();
    }

    private void respond() {
        if (!STATE.compareAndSet(this, PENDING, RESPONDING)) {
            return;
        }
        long startNanoTime = delayPlannedNanos >= 0 ? System.nanoTime() : 0;
        if (timer != null) {
            ClientPresence presence = JettyConnectionFaults.clientPresence(request);
            if (presence == ClientPresence.GONE) {
                finish(Outcome.CLIENT_GONE, 0, 0);
                callback.failed(new Request.Handler.AbortException(
                        "fake upstream " + upstream.name() + ": the client left during the delay"));
                return;
            }
            closeAfterResponse = presence == ClientPresence.SENT_MORE;
        }
        responseStartNanoTime = startNanoTime;
        answer.writeTo(response, this, closeAfterResponse);
    }

    private boolean idleTimeoutEndsExchange(TimeoutException timeout) {
        return (int) STATE.getVolatile(this) != PENDING;
    }

    /** The response was written whole. */
    @Override
    public void succeeded() {
        // Jetty writes no body for HEAD, whatever the handler gives it.
        finish(Outcome.COMPLETED, answer.status(), "HEAD".equals(method) ? 0 : answer.bodyLength());
        callback.succeeded();
    }

    /** Writing the response failed: the client went away, or the upstream is closing. */
    @Override
    public void failed(Throwable failure) {
        finish(upstream.closing() ? Outcome.OPEN : Outcome.CLIENT_GONE,
                response.isCommitted() ? answer.status() : 0, Response.getContentBytesWritten(response));
        callback.failed(failure);
    }

    @Override
    public InvocationType getInvocationType() {
        return callback.getInvocationType();
    }

    /** The request failed before a response started (client gone, idle timeout, server stopping). */
    private void abandon(Throwable failure) {
        if (!STATE.compareAndSet(this, PENDING, ENDED)) {
            return;
        }
        cancelTimer();
        finish(upstream.closing() ? Outcome.OPEN : Outcome.CLIENT_GONE, 0, 0);
        // An abort, so Jetty closes the connection instead of sending an error page the journal
        // would not know about (a client that stalls mid-body would otherwise get a 500).
        callback.failed(new Request.Handler.AbortException(
                "fake upstream " + upstream.name() + ": request failed before the response", failure));
    }

    /** The upstream is closing while this exchange waits: journal it as open (or its client as gone). */
    void endAtClose() {
        if (!STATE.compareAndSet(this, PENDING, ENDED)) {
            return;
        }
        cancelTimer();
        boolean gone = JettyConnectionFaults.clientPresence(request) == ClientPresence.GONE;
        finish(gone ? Outcome.CLIENT_GONE : Outcome.OPEN, 0, 0);
        callback.failed(new Request.Handler.AbortException(
                "fake upstream " + upstream.name() + " closed while this exchange was open"));
    }

    private void goAsync() {
        if (!async) {
            async = true;
            upstream.opened(this);
            request.addFailureListener(this::abandon);
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
        String retryAfter = status != 0 ? answer.retryAfter() : null;
        upstream.counters().record(status, effect);
        upstream.journal().append(new UpstreamRequest(
                upstream.clock().toRunNanos(arrivalNanoTime), endNanos, upstream.name(), connection.client,
                connection.id, method, path, requestId, traceparent, idempotencyKey,
                rule == null ? null : rule.id(), effect, status, bytesSent,
                delayPlannedNanos, achievedNanos, retryAfter, outcome));
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
}
