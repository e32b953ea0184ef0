package dev.faultline.scenario.parse;

/**
 * Where a value sits in the scenario, written as in error messages and expectation ids:
 * {@code phases[1].faults.payments[0].probability}. The root is the empty path.
 */
record KeyPath(String text) {
    static final KeyPath ROOT = new KeyPath("");

    KeyPath child(String key) {
        return new KeyPath(text.isEmpty() ? key : text + "." + key);
    }

    KeyPath index(int index) {
        return new KeyPath(text + "[" + index + "]");
    }

    @Override
    public String toString() {
        return text;
    }
}
