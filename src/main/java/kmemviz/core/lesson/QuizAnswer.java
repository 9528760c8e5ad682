package kmemviz.core.lesson;

import kmemviz.core.cmd.Quiz;
import kmemviz.core.kernel.EventKind;
import kmemviz.core.kernel.MmEvent;
import kmemviz.core.kernel.Outcome;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.FrameTable;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.Profile;
import kmemviz.core.mm.ZoneSpan;

/**
 * The answer to a quiz, read from the outcome of the state-changing command that follows it. The script never
 * states the answer, so a lesson cannot claim what the model does not do; the headless run and the lesson player
 * both ask here.
 */
public final class QuizAnswer {
    private QuizAnswer() {}

    /**
     * The choice that {@code outcome} makes right: yes when the command succeeded (status OK, so not NULL and not
     * refused, and no allocation failure reported), else no; the zone of the allocation's first frame; the slab
     * cache of the allocation's object.
     *
     * @param machine the machine the command ran on, whose zone spans place a frame in its zone
     * @throws IllegalArgumentException when the outcome has no fact of the quiz's kind (a zone quiz before a kfree,
     *                                  a cache quiz before a page allocation) or its answer is not one of the choices
     */
    public static String answer(Quiz quiz, Outcome outcome, Profile machine) {
        String answer = switch (quiz.kind()) {
            case YES_NO -> succeeded(outcome) ? "yes" : "no";
            case ZONE -> zoneOf(outcome, machine);
            case CACHE -> cacheOf(outcome);
        };
        for (String choice : quiz.choices()) if (choice.equalsIgnoreCase(answer)) return choice;
        throw new IllegalArgumentException("the answer, " + answer + " (from " + outcome.command().text()
                + "), is not one of the quiz's choices " + String.join("|", quiz.choices()));
    }

    private static boolean succeeded(Outcome outcome) {
        if (!outcome.ok()) return false;
        for (MmEvent e : outcome.events())
            if (e.kind() == EventKind.REPORT && e.report().kind() == KernelReport.Kind.ALLOC_FAILURE) return false;
        return true;
    }

    private static String zoneOf(Outcome outcome, Profile machine) {
        int pfn = firstPfn(allocation(outcome, "zone"));
        for (ZoneSpan z : machine.zones()) if (z.span().contains(pfn)) return z.type().kernelName();
        throw new IllegalStateException(String.format("pfn 0x%x of %s lies in no zone of %s", pfn,
                outcome.command().text(), machine.name()));
    }

    private static String cacheOf(Outcome outcome) {
        Allocation a = allocation(outcome, "cache");
        if (a.cacheName() == null) throw new IllegalArgumentException("a cache quiz, but " + outcome.command().text()
                + " took its memory from the page allocator, not from a slab cache");
        return a.cacheName();
    }

    private static Allocation allocation(Outcome outcome, String fact) {
        if (outcome.allocation() == null)
            throw new IllegalArgumentException("a " + fact + " quiz, but " + outcome.command().text() + " made no allocation"
                    + (outcome.ok() ? "" : " (" + outcome.message() + ")") + ", so it has no " + fact);
        return outcome.allocation();
    }

    /** The frame that places an allocation: the head of a block, the first of scattered pages, an object's page. */
    private static int firstPfn(Allocation a) {
        if (a.pfn() != FrameTable.NO_PFN) return a.pfn();
        if (a.pages() != null && !a.pages().isEmpty()) return a.pages().get(0);
        return (int) (a.objectAddress() >>> Profile.PAGE_SHIFT);
    }
}
