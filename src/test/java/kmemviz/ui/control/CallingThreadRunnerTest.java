package kmemviz.ui.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The synchronous runner the tests use: same contract as the FX one, on the calling thread. */
class CallingThreadRunnerTest {
    private final CallingThreadRunner runner = new CallingThreadRunner();
    private final List<String> ends = new ArrayList<>();

    private <T> BackgroundRunner.Done<T> recorder() {
        return new BackgroundRunner.Done<>() {
            @Override public void succeeded(T result) { ends.add("succeeded " + result); }
            @Override public void cancelled() { ends.add("cancelled"); }
            @Override public void failed(Throwable error) { ends.add("failed " + error.getMessage()); }
        };
    }

    /** Counts to {@code n}, checking for a cancel before each step, and returns how far it got. */
    private static BackgroundJob<Integer> countTo(int n, int[] reached) {
        return p -> {
            for (int i = 0; i < n; i++) {
                p.checkCancelled();
                reached[0] = i + 1;
                p.progress(i + 1, n);
            }
            return n;
        };
    }

    @Test
    void aJobRunsBeforeSubmitReturnsAndHandsItsResultToSucceeded() {
        int[] reached = {0};
        runner.submit("count", countTo(5, reached), recorder());
        assertThat(reached[0]).isEqualTo(5);
        assertThat(ends).containsExactly("succeeded 5");
        assertThat(runner.runningProperty().get()).isFalse();
        assertThat(runner.progressProperty().get()).isZero();
    }

    @Test
    void theJobSeesRunningTrueItsTitleAndItsOwnProgress() {
        List<String> seen = new ArrayList<>();
        runner.submit("title", p -> {
            seen.add(runner.runningProperty().get() + " " + runner.messageProperty().get());
            p.progress(1, 4);
            p.message("step");
            seen.add(runner.progressProperty().get() + " " + runner.messageProperty().get());
            return null;
        }, recorder());
        assertThat(seen).containsExactly("true title", "0.25 step");
        assertThat(runner.messageProperty().get()).isEmpty();
    }

    @Test
    void aCancelAfterTwoReportsStopsTheJobAtItsThirdCheckAndRunsCancelledOnly() {
        int[] reached = {0};
        runner.cancelAfter(2);
        runner.submit("count", countTo(5, reached), recorder());
        assertThat(reached[0]).isEqualTo(2);
        assertThat(ends).containsExactly("cancelled");
    }

    @Test
    void aCancelAppliesToOneJobOnly() {
        int[] reached = {0};
        runner.cancelAfter(0);
        runner.submit("first", countTo(3, reached), recorder());
        runner.submit("second", countTo(3, reached), recorder());
        assertThat(ends).containsExactly("cancelled", "succeeded 3");
    }

    @Test
    void aCancelFromInsideTheJobStopsItAtItsNextCheck() {
        int[] reached = {0};
        runner.submit("count", p -> {
            p.checkCancelled();
            runner.cancel();
            reached[0] = 1;
            p.checkCancelled();
            reached[0] = 2;
            return 0;
        }, recorder());
        assertThat(reached[0]).isEqualTo(1);
        assertThat(ends).containsExactly("cancelled");
    }

    @Test
    void aJobThatThrowsEndsInFailedWithItsError() {
        runner.submit("boom", p -> { throw new IllegalStateException("no memory"); }, recorder());
        assertThat(ends).containsExactly("failed no memory");
        assertThat(runner.runningProperty().get()).isFalse();
    }

    @Test
    void submittingFromInsideARunningJobIsRefused() {
        runner.submit("outer", p -> {
            assertThatThrownBy(() -> runner.submit("inner", q -> 1, recorder()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'inner' must wait");
            return 0;
        }, recorder());
        assertThat(ends).containsExactly("succeeded 0");
    }
}
