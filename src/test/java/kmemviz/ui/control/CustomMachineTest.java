package kmemviz.ui.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kmemviz.core.cmd.Machine;
import kmemviz.core.mm.ZoneType;
import org.junit.jupiter.api.Test;

class CustomMachineTest {
    @Test
    void theNewMachineDialogListsEachProfileWithWhatItIsAndTheCustomMachineLast() {
        var entries = MachineDialog.standardEntries();
        assertThat(entries.stream().filter(e -> e.name().equals("classroom")).findFirst().orElseThrow().toString())
                .isEqualTo("classroom — Scaled-down teaching machine: 4 MiB, 1024 frames (real machines have millions)");
        assertThat(entries).allSatisfy(e -> assertThat(e.description()).isNotBlank().doesNotContain("\n"));
        assertThat(entries.get(entries.size() - 1).machine()).as("the custom form").isNull();
        assertThat(entries.stream().filter(e -> e.name().equals("i386-1g")).findFirst().orElseThrow().machine().get().text())
                .isEqualTo("machine i386-1g");
    }

    @Test
    void sizesWithUnitsAndSpacesBecomeAMachineCustomLine() {
        CustomMachine form = new CustomMachine("64 MiB", "16 MiB", "", "", " 1MiB", "2");
        assertThat(form.line()).isEqualTo("machine custom 64MiB dma=16MiB reserved=1MiB cpus=2");
        Machine m = form.machine();
        assertThat(m.text()).isEqualTo(form.line());
        assertThat(m.profile().endPfn()).isEqualTo(64 * 256);
        assertThat(m.profile().zones().stream().filter(z -> z.type() == ZoneType.DMA).findFirst().orElseThrow().span().endPfn())
                .isEqualTo(16 * 256);
    }

    @Test
    void aSizeThatDoesNotParseNamesItsField() {
        assertThatThrownBy(() -> new CustomMachine("64 MiB", "16 XB", "", "", "", "").machine())
                .hasMessageStartingWith("ZONE_DMA: unknown size unit 'XB'");
        assertThatThrownBy(() -> new CustomMachine("", "", "", "", "", "").machine()).hasMessageStartingWith("Memory: give the machine's size");
        assertThatThrownBy(() -> new CustomMachine("64MiB", "", "", "", "", "two").machine()).hasMessageStartingWith("CPUs: expected a whole number");
    }

    @Test
    void aRuleAcrossFieldsIsTheParsersOwnMessage() {
        assertThatThrownBy(() -> new CustomMachine("64 MiB", "16 MiB", "64 MiB", "", "", "").machine())
                .hasMessageContaining("leave nothing for ZONE_NORMAL");
        assertThatThrownBy(() -> new CustomMachine("64 MiB", "1 MiB", "16 MiB", "16 MiB", "", "").machine())
                .hasMessageStartingWith("dma32= and highmem= exclude each other");
    }
}
