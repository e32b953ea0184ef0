package dev.faultline.upstream.internal;

import java.util.Map;

/** A request as the matchers see it, built from plain values. */
record TestRequest(String method, String path, String query, Map<String, String> headers, int client)
        implements RequestView {

    static TestRequest get(String path) {
        return new TestRequest("GET", path, null, Map.of(), 0);
    }

    TestRequest withQuery(String rawQuery) {
        return new TestRequest(method, path, rawQuery, headers, client);
    }

    TestRequest withHeaders(Map<String, String> values) {
        return new TestRequest(method, path, query, values, client);
    }

    TestRequest fromClient(int index) {
        return new TestRequest(method, path, query, headers, index);
    }

    @Override
    public String header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
