package kmemviz.ui.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineChoiceTest {
    @Test
    void theNewMachineDialogListsEachProfileWithWhatItIs() {
        assertThat(FileController.MachineChoice.of("classroom").toString())
                .isEqualTo("classroom — Scaled-down teaching machine: 4 MiB, 1024 frames (real machines have millions)");
        assertThat(FileController.MachineChoice.of("i386-1g").toString()).startsWith("i386-1g — i386 without PAE, 1 GiB RAM");
        assertThat(FileController.MachineChoice.THIS_MACHINE.toString())
                .isEqualTo("This machine — imported from this host's /proc (machine from-proc live)");
    }
}
