package dev.faultline.scenario;

/** Signals the harness can send to a target's process tree. */
public enum Signal {
    TERM(15), INT(2), QUIT(3), HUP(1), KILL(9), USR1(10), USR2(12);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    /** The Linux signal number (exit status {@code 128 + number} when it ends a process). */
    public int number() {
        return number;
    }
}
