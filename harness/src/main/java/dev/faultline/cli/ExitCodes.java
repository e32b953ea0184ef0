package dev.faultline.cli;

/**
 * The process exit codes CI gates on, and how several runs fold into one.
 *
 * <p>Worst first: aborted (130), invalid (2), error (3), failed (1), inconclusive (4), held (0).
 * An invalid file or a run that could not be carried out outranks a failed expectation, because
 * then the gate did not check what it was asked to check.
 */
public final class ExitCodes {
    public static final int HELD = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;
    public static final int ERROR = 3;
    public static final int INCONCLUSIVE = 4;
    public static final int ABORTED = 130;

    private ExitCodes() {
    }

    /** The worse of two exit codes. */
    public static int worst(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        return switch (code) {
            case HELD -> 0;
            case INCONCLUSIVE -> 1;
            case FAILED -> 2;
            case ERROR -> 3;
            case INVALID -> 4;
            case ABORTED -> 5;
            default -> 3;
        };
    }
}
