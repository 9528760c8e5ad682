package kmemviz.app;

import static kmemviz.app.AppFixture.fx;
import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.cmd.AllocPages;
import kmemviz.core.kernel.KernelListener;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Gfp;
import kmemviz.ui.view.EventLogView;
import org.junit.jupiter.api.Test;

/** A subscriber that throws, on the kernel's path or the UI's, is an ERROR line in the log and breaks nothing. */
class EventPathFxTest extends AppFxTest {
    private static KernelListener throwingOnCommands(String name) {
        return new KernelListener() {
            @Override public void commandExecuted(Outcome out) { throw new IllegalStateException("cannot show " + out.command().text()); }

            @Override public String toString() { return name; }
        };
    }

    @Test
    void aThrowingSubscriberBecomesAnErrorEntryNamingItAndTheViewsStillFollow() throws Exception {
        w.kernel.addKernelListener(throwingOnCommands("broken-core-subscriber"));
        w.bridge.subscribe(throwingOnCommands("broken-ui-subscriber"));
        int[] after = {0};
        w.bridge.subscribe(KernelListener.afterEveryChange(() -> after[0]++));

        Outcome out = fx(() -> w.runner.execute(new AllocPages("p", AllocPages.Flavor.ALLOC_PAGES, Gfp.KERNEL, 2, "")));

        assertThat(out.ok()).isTrue();
        int pfn = w.kernel.variables().get("p").pfn();
        assertThat(fx(() -> w.shown.owners()[pfn])).isEqualTo(w.kernel.memory().frames().owners()[pfn]);
        var errors = fx(() -> w.log.entries().stream().filter(e -> e.kind() == EventLogView.Kind.ERROR).map(EventLogView.Entry::text).toList());
        assertThat(errors).hasSize(2);
        assertThat(errors).anySatisfy(t -> assertThat(t).contains("broken-core-subscriber").contains("IllegalStateException")
                .contains("cannot show p = alloc_pages(GFP_KERNEL, 2)"));
        assertThat(errors).anySatisfy(t -> assertThat(t).contains("broken-ui-subscriber"));
        assertThat(after[0]).isEqualTo(1);                                          // the subscriber after it still ran
    }
}
