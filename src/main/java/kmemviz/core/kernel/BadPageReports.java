package kmemviz.core.kernel;

import kmemviz.core.mm.ExecContext;
import kmemviz.core.mm.KernelReport;
import kmemviz.core.mm.KernelText;
import kmemviz.core.mm.Owner;
import kmemviz.core.mm.Taint;

/**
 * The reports of a bad page free, as a kernel with CONFIG_DEBUG_VM prints them: dump_page() (mm/debug.c)
 * followed by VM_BUG_ON_PAGE's "kernel BUG", or bad_page()'s "BUG: Bad page state" (mm/page_alloc.c).
 */
final class BadPageReports {
    private BadPageReports() {}

    /**
     * put_page_testzero() on a page whose refcount is already 0: a double free, or a tail page. The oops taints the
     * kernel with D (oops_end()), after its own header.
     */
    static KernelReport refcountZero(ExecContext ctx, Taint taint, int pfn, String call, int allocId) {
        String text = dumpPage(pfn, 0, "VM_BUG_ON_PAGE(page_ref_count(page) == 0)")
                + "------------[ cut here ]------------\n"
                + "kernel BUG at include/linux/mm.h:1140!\n"
                + "Oops: invalid opcode: 0000 [#1] PREEMPT SMP NOPTI\n"
                + KernelText.dumpStackHeader(ctx, taint) + "\n"
                + "(kmemviz: " + call + " on a page nobody holds; the model refused it and changed nothing)";
        taint.add(Taint.Flag.DIE);
        return new KernelReport(KernelReport.Kind.BUG, "kernel BUG at include/linux/mm.h:1140! (" + call + ")", text, pfn, allocId);
    }

    /**
     * free_page_is_bad(): the page still looks in use (reserved, mapped, in the page cache, a slab). bad_page()
     * taints with B after the stack (mm/page_alloc.c:524-534); its 60-second quiet period is left out.
     */
    static KernelReport badPageState(ExecContext ctx, Taint taint, int pfn, Owner owner, String call, int allocId) {
        String reason = switch (owner) {
            case PAGE_CACHE -> "non-NULL mapping";
            case USER -> "nonzero mapcount";
            default -> "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
        };
        String first = String.format("BUG: Bad page state in process %s  pfn:%05x", ctx.comm(), pfn);
        String text = first + "\n" + dumpPage(pfn, owner == Owner.USER ? 1 : 0, reason)
                + KernelText.dumpStackHeader(ctx, taint) + "\n"
                + "(kmemviz: " + call + " hit a page that is " + owner.label() + "; the model refused it and changed nothing)";
        taint.add(Taint.Flag.BAD_PAGE);
        return new KernelReport(KernelReport.Kind.BUG, first, text, pfn, allocId);
    }

    private static String dumpPage(int pfn, int mapcount, String reason) {
        return String.format("page: refcount:0 mapcount:%d mapping:0000000000000000 index:0x0 pfn:0x%x%n", mapcount, pfn)
                .replace(System.lineSeparator(), "\n")
                + "page dumped because: " + reason + "\n";
    }
}
