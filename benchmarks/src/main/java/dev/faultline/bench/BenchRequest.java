package dev.faultline.bench;

import dev.faultline.upstream.internal.RequestView;

/** A request as the fake upstream's matchers see it, from plain fields (no Jetty). */
record BenchRequest(String method, String path, String query, String[] headerNames, String[] headerValues, int client)
        implements RequestView {

    static BenchRequest of(String method, String path, String query, String... headerPairs) {
        String[] names = new String[headerPairs.length / 2];
        String[] values = new String[headerPairs.length / 2];
        for (int i = 0; i < names.length; i++) {
            names[i] = headerPairs[2 * i];
            values[i] = headerPairs[2 * i + 1];
        }
        return new BenchRequest(method, path, query, names, values, 0);
    }

    // Linear and case-insensitive, as Jetty's HttpFields.get(String) is.
    @Override
    public String header(String name) {
        for (int i = 0; i < headerNames.length; i++) {
            if (headerNames[i].equalsIgnoreCase(name)) {
                return headerValues[i];
            }
        }
        return null;
    }
}
