package kmemviz.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchCoreCommandTest {
    /**
     * bench/buddy.c prints the same pfn_sum for {@code buddy 1000000} (2 warm-up and 5 timed rounds of a million
     * operations): the C yardstick and the model place every block alike, so their rates compare the same work.
     * Any change to placement in core/mm changes this sum.
     */
    @Test
    void workloadPlacesBlocksAsTheCComparatorDoes() {
        BenchCoreCommand.Workload workload = new BenchCoreCommand.Workload(false);
        long pfnSum = 0;
        for (int round = 0; round < 7; round++) pfnSum += workload.run(1_000_000);
        assertThat(pfnSum).isEqualTo(3_877_238_601_509L);
    }

    @Test
    void recordingDoesNotChangePlacement() {
        assertThat(new BenchCoreCommand.Workload(true).run(200_000)).isEqualTo(new BenchCoreCommand.Workload(false).run(200_000));
    }
}
