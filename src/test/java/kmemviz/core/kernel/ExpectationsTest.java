package kmemviz.core.kernel;

import static kmemviz.core.kernel.KernelFixture.last;
import static kmemviz.core.kernel.KernelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;

/** {@code expect report} and {@code expect no report} read the reports of the last state-changing command. */
class ExpectationsTest {

    @Test
    void aReportOfTheLastCommandHoldsAndNoReportFails() {
        Kernel k = KernelFixture.classroom();
        List<Outcome> out = run(k, """
                context hardirq
                p = kmalloc(64, GFP_KERNEL)
                note "a note between the call and its checks is no command of the model"
                expect report "BUG: sleeping function called from invalid context"
                expect report "in_atomic(): 1"
                expect no report
                expect report "Object already free"
                """);
        assertThat(out.get(3).status()).isEqualTo(Outcome.Status.OK);
        assertThat(out.get(3).message()).isEqualTo("expect report \"BUG: sleeping function called from invalid context\": holds");
        assertThat(out.get(4).status()).as("the text may be anywhere in the report, not only its first line")
                .isEqualTo(Outcome.Status.OK);
        assertThat(out.get(5).status()).isEqualTo(Outcome.Status.EXPECT_FAILED);
        assertThat(out.get(5).message()).isEqualTo("expect no report: failed, the last command (p = kmalloc(64, GFP_KERNEL)) reported "
                + "BUG: sleeping function called from invalid context at include/linux/sched/mm.h:321");
        assertThat(out.get(6).status()).isEqualTo(Outcome.Status.EXPECT_FAILED);
        assertThat(out.get(6).message()).startsWith("expect report \"Object already free\": failed, the last command (p = kmalloc(64, GFP_KERNEL)) reported BUG: ");
    }

    @Test
    void aQuietCommandHoldsNoReportAndFailsAReportNamingItself() {
        Kernel k = KernelFixture.classroom();
        run(k, "context hardirq\np = kmalloc(64, GFP_KERNEL)");
        List<Outcome> out = run(k, """
                a = kmalloc(64, GFP_ATOMIC)
                expect no report
                expect report "BUG"
                """);
        assertThat(out.get(1).status()).as("the earlier BUG belongs to the command before").isEqualTo(Outcome.Status.OK);
        assertThat(out.get(2).message()).isEqualTo("expect report \"BUG\": failed, the last command (a = kmalloc(64, GFP_ATOMIC)) reported nothing");
    }

    @Test
    void aRefusedCallIsTheLastCommandToo() {
        Kernel k = KernelFixture.classroom();
        Outcome refused = last(k, "a = kmalloc(64, GFP_KERNEL)\nkfree(a)\nkfree(a)");
        assertThat(refused.status()).isEqualTo(Outcome.Status.REFUSED);
        assertThat(last(k, "expect report \"Object already free\"").status()).isEqualTo(Outcome.Status.OK);
    }

    @Test
    void afterAStepRestoredFromACheckpointTheReportsAreNotKnownAndTheFailureSaysSo() {
        Kernel k = new Kernel(Profiles.builtIn("classroom"), 1);
        run(k, "context hardirq\np = kmalloc(64, GFP_KERNEL)\nq = kmalloc(64, GFP_ATOMIC)");
        k.undo();
        assertThat(last(k, "expect no report").status()).isEqualTo(Outcome.Status.OK);
        assertThat(last(k, "expect report \"BUG\"").message())
                .isEqualTo("expect report \"BUG\": failed, no command has run since the state was restored from a checkpoint");
    }
}
