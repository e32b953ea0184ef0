package dev.faultline.load;

import dev.faultline.scenario.LoadSpec.LoadRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The weighted request mix, prepared once: urls parsed per replica, headers merged per stream,
 * bodies encoded. {@link #pick()} draws a request kind with probability weight / total weight from a
 * seeded generator. Not threadsafe: the pacer thread owns it.
 */
final class RequestMix {
    private final Kind[] kinds;
    private final int[] cumulative;
    private final int total;
    private final SplittableRandom random;

    /** One request of the mix, ready to send. */
    static final class Kind {
        final String method;
        final String path;
        final HttpUrl[] urlByReplica;
        final Headers[] headersByStream;
        final RequestBody body;

        Kind(String method, String path, HttpUrl[] urlByReplica, Headers[] headersByStream, RequestBody body) {
            this.method = method;
            this.path = path;
            this.urlByReplica = urlByReplica;
            this.headersByStream = headersByStream;
            this.body = body;
        }
    }

    RequestMix(LoadPlan plan) {
        List<LoadRequest> requests = plan.requests();
        this.kinds = new Kind[requests.size()];
        this.cumulative = new int[requests.size()];
        int sum = 0;
        for (int i = 0; i < requests.size(); i++) {
            LoadRequest r = requests.get(i);
            HttpUrl[] urls = new HttpUrl[plan.targets().size()];
            for (int t = 0; t < urls.length; t++) {
                String base = plan.targets().get(t);
                HttpUrl url = HttpUrl.parse(stripSlash(base) + r.path());
                if (url == null) {
                    throw new IllegalArgumentException("load.requests[" + i + "]: " + stripSlash(base) + r.path()
                            + " is not an http(s) url (check target.url)");
                }
                urls[t] = url;
            }
            Headers[] headers = new Headers[plan.streams().size()];
            for (int s = 0; s < headers.length; s++) {
                Headers.Builder builder = new Headers.Builder();
                r.headers().forEach(builder::set);
                plan.streams().get(s).headers().forEach(builder::set);
                headers[s] = builder.build();
            }
            kinds[i] = new Kind(r.method(), r.path(), urls, headers, body(r, headers[0]));
            sum += r.weight();
            cumulative[i] = sum;
        }
        this.total = sum;
        this.random = new SplittableRandom(plan.seed() ^ 0x6C6F61642D6D6978L);
    }

    private static RequestBody body(LoadRequest r, Headers headers) {
        boolean needsBody = switch (r.method()) {
            case "POST", "PUT", "PATCH", "PROPPATCH", "REPORT" -> true;
            default -> false;
        };
        if (r.body().isEmpty() && !needsBody) {
            return null;
        }
        String contentType = headers.get("Content-Type");
        MediaType type = contentType == null ? null : MediaType.parse(contentType);
        return RequestBody.create(r.body().orElse("").getBytes(StandardCharsets.UTF_8), type);
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    Kind pick() {
        if (kinds.length == 1) {
            return kinds[0];
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < cumulative.length; i++) {
            if (draw < cumulative[i]) {
                return kinds[i];
            }
        }
        return kinds[kinds.length - 1];
    }
}
