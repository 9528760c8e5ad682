package kmemviz.core.kernel;

import static kmemviz.core.kernel.KernelFixture.digest;
import static kmemviz.core.kernel.KernelFixture.last;
import static kmemviz.core.kernel.KernelFixture.reports;
import static kmemviz.core.kernel.KernelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kmemviz.core.mm.Allocation;
import kmemviz.core.mm.Profiles;
import kmemviz.core.report.Report;
import kmemviz.core.slab.KmemCache;
import kmemviz.core.vm.Walk;
import kmemviz.core.vm.WalkStep;
import org.junit.jupiter.api.Test;

/**
 * What vmalloc needs besides its pages: the vmalloc area's PUD pages made at boot on x86_64
 * (preallocate_vmalloc_pages(), arch/x86/mm/init_64.c) and its own vm_struct, vmap_area and pages[] objects from
 * the slab layer (mm/vmalloc.c), which vfree() gives back.
 */
class VmallocBookkeepingTest {
    private static List<String> pageTableCalls(Kernel k) {
        return k.memory().allocations().all().stream().map(Allocation::call)
                .filter(c -> c.endsWith("_alloc()") || c.endsWith("_alloc_kernel()")).toList();
    }

    @Test
    void theFirstVmallocOnX86_64WalksToABootPudAndAllocatesOnlyThePmdAndPte() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        run(k, "v = vmalloc(8KiB)");
        assertThat(pageTableCalls(k)).containsExactly("__pmd_alloc()", "__pte_alloc_kernel()");
        Walk w = k.vm().translate(k.variables().get("v").address());
        WalkStep pud = w.steps().stream().filter(s -> s.level().equals("PUD")).findFirst().orElseThrow();
        assertThat(k.vm().isVmallocBootTable(pud.tablePfn())).isTrue();
        assertThat(pud.tablePfn()).isGreaterThanOrEqualTo(k.memory().frames().nrFrames());   // outside RAM
        assertThat(last(k, "translate(v)").message()).contains("<- page table (vmalloc area, made at boot)");
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void bootMakesOnePudPagePerPgdEntryOfTheVmallocAreaAndLeavesTheFreeListsAsTheyWere() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        // 32 TiB of vmalloc area over 512 GiB per PGD entry: 64 PUD pages (VMALLOC_SIZE_TB_L4, pgtable_64_types.h).
        long bootPuds = java.util.stream.IntStream.range(k.memory().frames().nrFrames(), k.memory().frames().nrFrames() + 100)
                .filter(k.vm()::isVmallocBootTable).count();
        assertThat(bootPuds).isEqualTo(64);
        Kernel custom = new Kernel(Profiles.builtIn("x86_64-8g"));
        run(custom, "machine custom 4MiB dma=1MiB reserved=0 pcp=off\np = alloc_pages(GFP_KERNEL, 0)");
        assertThat(Report.buddyinfo.render(custom, List.of())).contains("Normal      1      1      1      1      1      1      1      1      2      0      0");
    }

    @Test
    void i386MakesNoVmallocTablesAtBootSoTheFirstVmallocAllocatesItsPteTable() {
        Kernel k = new Kernel(Profiles.builtIn("i386-1g"));
        run(k, "v = vmalloc(8KiB)");
        assertThat(pageTableCalls(k)).containsExactly("__pte_alloc_kernel()");
    }

    @Test
    void eachVmallocTakesAVmStructAVmapAreaAndAPagesArrayFromTheSlabAndVfreeGivesThemBack() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        run(k, "a = vmalloc(8KiB)\nb = vmalloc(4KiB)");
        KmemCache vmapArea = k.slab().allocator().cache("vmap_area");
        KmemCache vmStruct = k.slab().allocator().cache("kmalloc-96");     // struct vm_struct is 72 bytes on x86_64
        assertThat(vmapArea.activeObjs()).isEqualTo(2);
        assertThat(vmapArea.geometry().objectSize()).isEqualTo(72);
        assertThat(vmStruct.activeObjs()).isEqualTo(2);
        assertThat(k.slab().allocator().cache("kmalloc-16").activeObjs()).isEqualTo(1);   // a's pages[]: 2 pointers
        assertThat(k.slab().allocator().cache("kmalloc-8").activeObjs()).isEqualTo(1);    // b's: 1 pointer
        assertThat(Report.slabinfo.render(k, List.of())).containsPattern("(?m)^vmap_area +2 ");
        run(k, "vfree(a)\nvfree(b)");
        assertThat(vmapArea.activeObjs()).isZero();
        assertThat(vmStruct.activeObjs()).isZero();
        assertThat(k.slab().allocator().cache("kmalloc-16").activeObjs()).isZero();
        assertThat(k.checkInvariants()).isEmpty();
    }

    @Test
    void aBigAreaKeepsItsPagesArrayInANestedVmallocWithItsOwnObjects() {
        Kernel k = new Kernel(Profiles.builtIn("x86_64-8g"));
        run(k, "v = vmalloc(4MiB)");                    // 1024 pointers: an 8 KiB pages[] that is vmalloc'ed itself
        assertThat(k.slab().allocator().cache("vmap_area").activeObjs()).isEqualTo(2);
        assertThat(k.slab().allocator().cache("kmalloc-96").activeObjs()).isEqualTo(2);
        assertThat(k.slab().allocator().cache("kmalloc-16").activeObjs()).isEqualTo(1);   // the nested area's pages[]
        run(k, "vfree(v)");
        assertThat(k.slab().allocator().cache("vmap_area").activeObjs()).isZero();
        assertThat(k.slab().allocator().cache("kmalloc-16").activeObjs()).isZero();
    }

    @Test
    void withNoPageForTheVmStructVmallocFailsBeforeTouchingTheAreaAndChangesNothingElse() {
        Kernel k = KernelFixture.classroom();
        run(k, "machine custom 4MiB dma=1MiB reserved=4092KiB");
        String before = digest(k.memory());
        Outcome o = last(k, "v = vmalloc(1)");
        assertThat(o.status()).isEqualTo(Outcome.Status.NULL_RESULT);
        assertThat(reports(o)).anyMatch(r -> r.text().contains("vmalloc error: size 1, vm_struct allocation failed"));
        assertThat(k.vm().vmalloc().areas()).isEmpty();
        assertThat(digest(k.memory())).isEqualTo(before);
    }
}
