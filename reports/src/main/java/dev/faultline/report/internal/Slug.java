package dev.faultline.report.internal;

import java.text.Normalizer;
import java.util.Locale;

/** Turns a scenario name into a stable identifier for JUnit class names and file names. */
public final class Slug {

    private Slug() {
    }

    /**
     * {@code "Checkout survives a Payments outage!"} becomes {@code checkout-survives-a-payments-outage}.
     * No dots survive, because CI test viewers split a JUnit class name at its last dot.
     */
    public static String of(String name) {
        String plain = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return plain.isEmpty() ? "scenario" : plain;
    }
}
