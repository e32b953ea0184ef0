package dev.faultline.report;

/** A {@code report.json} that cannot be read as a {@link RunReport}, with where and why. */
public class ReportFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReportFormatException(String message) {
        super(message);
    }
}
