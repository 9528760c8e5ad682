package kmemviz.ui.view.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.cmd.ScriptLine;
import kmemviz.core.cmd.ScriptParser;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.mm.Profiles;
import org.junit.jupiter.api.Test;

class MappingModelTest {
    private final Kernel kernel = new Kernel(Profiles.builtIn("i386-1g"));

    private void run(String script) {
        for (ScriptLine l : new ScriptParser("test.kmv").parse(script)) kernel.execute(l.command());
    }

    private int kmapArea(String variable) {
        MappingModel m = MappingModel.of(kernel);
        return m.areaAt(kernel.variables().get(variable).address());
    }

    @Test
    void aKmappedHighmemPageIsAKmapAreaOnItsFrame() {
        run("p = alloc_pages(GFP_HIGHUSER, 0)\nm = kmap(p)");
        MappingModel m = MappingModel.of(kernel);
        int a = kmapArea("m");
        assertThat(a).isNotNegative();
        assertThat(m.areaKind(a)).isEqualTo(MappingModel.Kind.KMAP);
        assertThat(m.pkmapSlot(a)).isEqualTo(1);
        assertThat(m.pfnsOf(m.areaAllocId(a))).contains(kernel.variables().get("p").pfn());
    }

    @Test
    void aKunmappedSlotStaysMappedButIsShownAsUnused() {
        run("p = alloc_pages(GFP_HIGHUSER, 0)\nm = kmap(p)\nkunmap(p)");
        MappingModel m = MappingModel.of(kernel);
        int a = kmapArea("m");
        assertThat(a).isNotNegative();
        assertThat(m.areaKind(a)).isEqualTo(MappingModel.Kind.KMAP_UNUSED);
        assertThat(kernel.vm().pkmap().count(m.pkmapSlot(a))).isEqualTo(1);
    }

    @Test
    void onlyTheUsedPkmapSlotsBecomeAreas() {
        run("p = alloc_pages(GFP_HIGHUSER, 0)\nq = alloc_pages(GFP_HIGHUSER, 0)\nm = kmap(p)\nn = kmap(q)");
        MappingModel m = MappingModel.of(kernel);
        int kmaps = 0;
        for (int a = 0; a < m.nrAreas(); a++)
            if (m.areaKind(a) == MappingModel.Kind.KMAP || m.areaKind(a) == MappingModel.Kind.KMAP_UNUSED) kmaps++;
        assertThat(kmaps).isEqualTo(2);
    }
}
