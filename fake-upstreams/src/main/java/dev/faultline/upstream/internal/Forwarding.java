package dev.faultline.upstream.internal;

import dev.faultline.journal.DependencyCall;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.thread.Scheduler;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request a proxy upstream forwards to its real dependency: sends it (the body streaming from the
 * client), copies the dependency's status and end-to-end headers to the client's response when they
 * arrive, then streams the body through {@link ForwardedBody} shaped by the exchange's body fault.
 * A dependency that gives no status (refused, reset, timed out) leaves the answer to the exchange,
 * which sends the proxy's own 502. Reports to its {@link Exchange} exactly once how it ended.
 */
final class Forwarding implements ForwardedBody.Ending {
    private final Exchange exchange;
    private final Request request;
    private final Response response;
    private final ProxyForwarder forwarder;
    private final BodyShape shape;
    /** The shape the body gets: the rule's, or whole when a drift leaves a body alone from its head on. */
    private volatile BodyShape bodyShape;
    /** The dependency's Content-Type, for a drift. */
    private volatile String contentType;
    private final Scheduler scheduler;
    private final AtomicBoolean bodyStarted = new AtomicBoolean();
    private final long startNanoTime = System.nanoTime();
    private org.eclipse.jetty.client.Request outgoing;
    private volatile ForwardedBody body;
    private volatile int status;
    private volatile long headNanos = -1;
    private volatile String retryAfter;
    private volatile String rateLimit;

    Forwarding(Exchange exchange, Request request, Response response, ProxyForwarder forwarder, BodyShape shape) {
        this.exchange = exchange;
        this.request = request;
        this.response = response;
        this.forwarder = forwarder;
        this.shape = shape;
        this.bodyShape = shape;
        this.scheduler = request.getComponents().getScheduler();
    }

    /** Sends the request to the dependency. */
    void start() {
        try {
            outgoing = forwarder.forward(request);
        } catch (IllegalArgumentException e) {
            // a target the client library cannot express (a path with characters a URI refuses): the proxy's own 502
            exchange.dependencyUnreachable(this, e);
            return;
        }
        outgoing.onResponseHeaders(this::headers)
                .onResponseContentSource(this::bodyArrives)
                .send(this::complete);
    }

    /** The dependency's status and headers: they become the client's, less this hop's own fields. */
    private void headers(org.eclipse.jetty.client.Response real) {
        headNanos = System.nanoTime() - startNanoTime;
        status = real.getStatus();
        if (exchange.clientGoneBeforeHead(this)) {
            bodyStarted.set(true);
            abortDependency(new Request.Handler.AbortException("the client left before the dependency answered"));
            return;
        }
        HttpFields in = real.getHeaders();
        Set<String> named = HopByHop.named(in);
        if (shape instanceof BodyShape.Garbage) {
            java.util.List<HttpField> kept = new java.util.ArrayList<>(in.size());
            for (HttpField field : in) {
                if (!HopByHop.is(field, named)) {
                    kept.add(field);
                }
            }
            abortDependency(new Request.Handler.AbortException("garbage: the dependency's body is not read"));
            exchange.forwardedGarbage(this, PreparedResponse.of(status, kept, new byte[0]));
            return;
        }
        response.setStatus(status);
        HttpFields.Mutable out = response.getHeaders();
        for (HttpField field : in) {
            if (HopByHop.is(field, named)) {
                continue;
            }
            if (field.getHeader() == HttpHeader.DATE || field.getHeader() == HttpHeader.SERVER) {
                // the dependency's own, in place of the ones this server would add
                out.put(field);
                continue;
            }
            out.add(field);
            if (field.getHeader() == HttpHeader.RETRY_AFTER) {
                retryAfter = field.getValue();
            } else if (field.is(PreparedResponse.RATE_LIMIT)) {
                rateLimit = field.getValue();
            }
        }
        String via = in.get(HttpHeader.VIA);
        out.put(HttpHeader.VIA, via == null ? "1.1 faultline" : via + ", 1.1 faultline");
        if (shape instanceof BodyShape.Drift) {
            contentType = in.get(HttpHeader.CONTENT_TYPE);
            String skipped = DriftedHead.skipReason(contentType, in.get(HttpHeader.CONTENT_ENCODING));
            if (skipped != null) {
                exchange.noteDrift(contentType, java.util.List.of(), skipped);
                bodyShape = BodyShape.WHOLE;
            }
        }
        if (shape instanceof BodyShape.Truncate truncate) {
            long declared = in.getLongField(HttpHeader.CONTENT_LENGTH);
            if (declared >= 0 && declared <= truncate.keep()) {
                out.put(HttpHeader.CONTENT_LENGTH, truncate.keep() + 1);
            }
        }
        exchange.forwardedHead(this);
    }

    private void bodyArrives(org.eclipse.jetty.client.Response real, Content.Source source) {
        startBody(source);
    }

    private void startBody(Content.Source source) {
        if (shape instanceof BodyShape.Garbage) {
            return;
        }
        if (bodyStarted.compareAndSet(false, true)) {
            ForwardedBody started = new ForwardedBody(source, response, bodyShape, scheduler, this);
            body = started;
            started.iterate();
        }
    }

    /** The forwarded exchange is over; if it failed before the dependency's head, the exchange answers 502. */
    private void complete(Result result) {
        if (headNanos < 0) {
            Throwable failure = result.getFailure();
            exchange.dependencyUnreachable(this, failure == null ? new IllegalStateException("no response") : failure);
            return;
        }
        if (!bodyStarted.get() && result.isSucceeded()) {
            // a response without a body source (HEAD, 204, 304): complete it empty
            startBody(Content.Source.from(org.eclipse.jetty.util.BufferUtil.EMPTY_BUFFER));
        }
    }

    /** Stops a body waiting on a dribble timer (the upstream closing or going down). */
    void stop(Throwable cause) {
        ForwardedBody waiting = body;
        if (waiting != null) {
            waiting.stop(cause);
        }
        abortDependency(cause);
    }

    /** Abandons the dependency's side: its connection is closed rather than reused with a body half read. */
    void abortDependency(Throwable cause) {
        org.eclipse.jetty.client.Request sent = outgoing;
        if (sent != null) {
            sent.abort(cause);
        }
    }

    /** What the dependency did, for the journal. */
    DependencyCall call(String failure) {
        return new DependencyCall(status, headNanos >= 0 ? headNanos : System.nanoTime() - startNanoTime, failure);
    }

    int status() {
        return status;
    }

    String retryAfter() {
        return retryAfter;
    }

    String rateLimit() {
        return rateLimit;
    }

    String dependency() {
        return forwarder.describe();
    }

    @Override
    public void completed(long bytes) {
        exchange.forwardCompleted(this, bytes);
    }

    @Override
    public void cut(long bytes) {
        abortDependency(new Request.Handler.AbortException("truncated"));
        if (shape instanceof BodyShape.AfterHeaders after) {
            exchange.headersSent(this, status, after.then());
            return;
        }
        exchange.forwardCut(this, bytes);
    }

    @Override
    public byte[] drifted(byte[] whole) {
        dev.faultline.upstream.drift.DriftOutcome outcome = ((BodyShape.Drift) shape).drift().apply(whole, contentType);
        exchange.noteDrift(contentType, outcome.mutations(), outcome.skipped());
        if (outcome.applied()) {
            DriftedHead.fit(response.getHeaders(), outcome.body().length);
        }
        return outcome.body();
    }

    @Override
    public void driftSkipped(String why) {
        exchange.noteDrift(contentType, java.util.List.of(), why);
    }

    @Override
    public void dependencyFailed(long bytes, Throwable failure) {
        exchange.forwardBrokeOff(this, bytes, failure);
    }

    @Override
    public void clientFailed(long bytes, Throwable failure) {
        abortDependency(failure);
        exchange.forwardClientFailed(this, bytes, failure);
    }
}
