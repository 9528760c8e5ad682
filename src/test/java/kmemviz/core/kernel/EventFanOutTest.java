package kmemviz.core.kernel;

import static kmemviz.core.kernel.KernelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.ZoneType;
import org.junit.jupiter.api.Test;

/** The one event path: its order of delivery, and a subscriber that throws. */
class EventFanOutTest {
    private final List<String> heard = new ArrayList<>();

    /** Writes "name:what" for each allocation, each command and each failure it hears. */
    private KernelListener named(String name) {
        return new KernelListener() {
            @Override public void pagesAllocated(ZoneType z, int pfn, int order, int gfp, Owner o, int id) { heard.add(name + ":allocated " + pfn); }

            @Override public void commandExecuted(Outcome out) { heard.add(name + ":executed " + out.command().text()); }

            @Override public void subscriberFailed(String subscriber, RuntimeException failure) {
                heard.add(name + ":failed " + subscriber + " " + failure.getMessage());
            }

            @Override public String toString() { return name; }
        };
    }

    @Test
    void eachEventReachesTheFirstListenerThenTheSubscribersInSubscriptionOrder() {
        EventFanOut fanOut = new EventFanOut(named("recorder"));
        fanOut.subscribe(named("views"));
        fanOut.subscribe(named("controllers"));

        fanOut.pagesAllocated(ZoneType.NORMAL, 7, 0, 0, Owner.PAGES, 1);
        fanOut.pagesAllocated(ZoneType.NORMAL, 8, 0, 0, Owner.PAGES, 1);

        assertThat(heard).containsExactly("recorder:allocated 7", "views:allocated 7", "controllers:allocated 7",
                "recorder:allocated 8", "views:allocated 8", "controllers:allocated 8");
    }

    @Test
    void theKernelNotifiesACommandAfterItsLastEventInSubscriptionOrder() {
        Kernel k = KernelFixture.classroom();
        k.addKernelListener(named("a"));
        k.addKernelListener(named("b"));

        run(k, "p = alloc_pages(GFP_KERNEL, 0)");

        int pfn = k.variables().get("p").pfn();
        assertThat(heard).containsExactly("a:allocated " + pfn, "b:allocated " + pfn,
                "a:executed p = alloc_pages(GFP_KERNEL, 0)", "b:executed p = alloc_pages(GFP_KERNEL, 0)");
    }

    @Test
    void aSubscriberThatThrowsIsReportedByNameAndTheOthersStillHearEverything() {
        Kernel k = KernelFixture.classroom();
        k.addKernelListener(new KernelListener() {
            @Override public void pagesAllocated(ZoneType z, int pfn, int order, int gfp, Owner o, int id) {
                throw new IllegalArgumentException("broken view");
            }

            @Override public String toString() { return "thrower"; }
        });
        k.addKernelListener(named("b"));

        Outcome first = run(k, "p = alloc_pages(GFP_KERNEL, 0)").get(0);
        Outcome second = run(k, "q = alloc_pages(GFP_KERNEL, 0)").get(0);

        assertThat(first.ok()).isTrue();
        assertThat(second.ok()).isTrue();
        assertThat(k.checkInvariants()).isEmpty();
        int p = k.variables().get("p").pfn(), q = k.variables().get("q").pfn();
        assertThat(heard).containsExactly(
                "b:failed thrower broken view", "b:allocated " + p, "b:executed p = alloc_pages(GFP_KERNEL, 0)",
                "b:failed thrower broken view", "b:allocated " + q, "b:executed q = alloc_pages(GFP_KERNEL, 0)");
    }
}
