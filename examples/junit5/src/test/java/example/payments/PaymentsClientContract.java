package example.payments;

import dev.faultline.junit5.Fault;
import dev.faultline.junit5.FaultlineExtension;
import dev.faultline.junit5.Upstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.faultline.junit5.FaultlineAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every payments client must do under faults, judged by faultline. Each test either passes on the
 * careful policy or shows the failure faultline reports for a policy that gets it wrong (those tests
 * expect the AssertionError, and print it).
 */
abstract class PaymentsClientContract {

    /** Per test (an instance field): fresh upstreams, on a free port, for every test. */
    @RegisterExtension
    FaultlineExtension fl = FaultlineExtension.with(Upstream.named("payments").route("POST", "/pay", 200, "paid"));

    abstract PaymentsClient client(String baseUrl, RetryPolicy policy);

    @Test
    void doesNotStormAnOutage() throws Exception {
        fl.inject("payments", Fault.respond(503));
        PaymentsClient client = client(fl.url("payments"), RetryPolicy.careful());
        for (int i = 0; i < 5; i++) {
            assertEquals(503, client.pay("order-" + i));
        }

        assertThat(fl.journal("payments")).hasCalls(5).hasAttemptsPerCallAtMost(3);
        fl.expect().retries("payments").maxAmplification(3).maxAttemptsPerCall(3).assertHeld();
    }

    @Test
    void aNaiveClientStormsTheOutageAndIsCaught() throws Exception {
        fl.inject("payments", Fault.respond(503));
        PaymentsClient client = client(fl.url("payments"), RetryPolicy.naive());
        for (int i = 0; i < 5; i++) {
            client.pay("order-" + i);
        }

        AssertionError storm = assertThrows(AssertionError.class,
                () -> fl.expect().retries("payments").maxAmplification(2).assertHeld());
        System.out.println(getClass().getSimpleName() + " naive client: " + storm.getMessage());
        assertTrue(storm.getMessage().contains("retries.max-amplification failed (measured 10 attempts/call"), storm.getMessage());
    }

    @Test
    void doesNotRetryWhatCannotSucceed() throws Exception {
        fl.inject("payments", Fault.respond(400));
        assertEquals(400, client(fl.url("payments"), RetryPolicy.careful()).pay("bad-order"));

        assertThat(fl.journal("payments")).hasNoRetriesOn(400).hasRequests(1);
    }

    @Test
    void waitsTheRetryAfterItIsGiven() throws Exception {
        fl.inject("payments", Fault.respond(503).header("Retry-After", "1").first(2));
        assertEquals(200, client(fl.url("payments"), RetryPolicy.careful()).pay("order"));

        fl.expect().retries("payments").honorRetryAfter().assertHeld();
    }

    @Test
    void aClientIgnoringRetryAfterIsCaught() throws Exception {
        fl.inject("payments", Fault.respond(503).header("Retry-After", "1").first(2));
        client(fl.url("payments"), RetryPolicy.naive()).pay("order");

        AssertionError early = assertThrows(AssertionError.class, () -> fl.expect().retries("payments").honorRetryAfter().assertHeld());
        System.out.println(getClass().getSimpleName() + " ignoring Retry-After: " + early.getMessage());
        assertTrue(early.getMessage().contains("retries.honor-retry-after failed"), early.getMessage());
    }

    @Test
    void spreadsItsRetriesWithJitter() throws Exception {
        concurrentCallsInAnOutage(RetryPolicy.careful());

        fl.expect().retries("payments").requireJitter().assertHeld();
    }

    @Test
    void aClientRetryingInLockstepIsCaught() throws Exception {
        concurrentCallsInAnOutage(RetryPolicy.lockstep());

        AssertionError lockstep = assertThrows(AssertionError.class, () -> fl.expect().retries("payments").requireJitter().assertHeld());
        System.out.println(getClass().getSimpleName() + " lockstep: " + lockstep.getMessage());
        assertTrue(lockstep.getMessage().contains("retries.require-jitter failed"), lockstep.getMessage());
    }

    /**
     * Ten calls failing together, as a fleet's do when the dependency goes down: what jitter is for. The
     * client is warmed up first (threads, connections, classes), as a running service's is: a cold
     * client's first retries are spread by its own start-up, which would pass for jitter.
     */
    private void concurrentCallsInAnOutage(RetryPolicy policy) throws Exception {
        PaymentsClient client = client(fl.url("payments"), policy);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            payTogether(client, pool, 200);
            fl.reset();
            fl.inject("payments", Fault.respond(503));
            payTogether(client, pool, 503);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void payTogether(PaymentsClient client, ExecutorService pool, int expected) throws Exception {
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String order = "order-" + i;
            calls.add(pool.submit(() -> client.pay(order)));
        }
        for (Future<Integer> call : calls) {
            assertEquals(expected, call.get());
        }
    }
}
