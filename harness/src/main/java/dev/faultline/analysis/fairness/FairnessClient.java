package dev.faultline.analysis.fairness;

/**
 * One client's numbers over the judged windows.
 *
 * @param name               {@code replica N} or the tenant's name
 * @param requests           requests it sent
 * @param served             of them, answered with a whole 2xx or 3xx
 * @param refused            of them, answered 429
 * @param demandPerSecond    how much it asked for: requests / the windows' length, or (at a fake
 *                           upstream) its rate while it was free to send
 * @param admittedPerSecond  served / the windows' length
 * @param fairSharePerSecond its max-min fair share of the admitted total, by water-filling of the demands
 */
public record FairnessClient(String name, long requests, long served, long refused, double demandPerSecond,
                             double admittedPerSecond, double fairSharePerSecond) {

    /** Admitted rate / fair share (1 is fair); NaN without a fair share. */
    public double normalized() {
        return fairSharePerSecond > 0 ? admittedPerSecond / fairSharePerSecond : Double.NaN;
    }

    /** Requests answered 429, as a share of all. */
    public double refusedShare() {
        return requests == 0 ? 0 : (double) refused / requests;
    }

    /** Requests neither served nor refused: other errors, timeouts, cut connections. */
    public long otherFailures() {
        return requests - served - refused;
    }
}
