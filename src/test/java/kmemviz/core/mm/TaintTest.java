package kmemviz.core.mm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** print_tainted() and print_tainted_verbose() against kernel/panic.c:554-631 (6.12.118). */
class TaintTest {
    @Test
    void anUntaintedKernelSaysNotTaintedAndHasNoVerboseLine() {
        Taint t = new Taint();
        assertThat(t.print()).isEqualTo("Not tainted");
        assertThat(t.printVerbose()).isNull();
    }

    @Test
    void eachFlagHasItsColumnAndCleanColumnsAreBlankExceptG() {
        Taint t = new Taint();
        t.add(Taint.Flag.DIE);
        // 19 columns P F S R M B U D A W C I O E L K X T N; P clear prints G, the others a space.
        assertThat(t.print()).isEqualTo("Tainted: G      D           ");
        t.add(Taint.Flag.BAD_PAGE);
        t.add(Taint.Flag.WARN);
        assertThat(t.print()).isEqualTo("Tainted: G    B D W         ");
        assertThat(t.printVerbose()).isEqualTo("Tainted: [B]=BAD_PAGE, [D]=DIE, [W]=WARN");
    }

    @Test
    void aCopyIsIndependent() {
        Taint t = new Taint();
        Taint c = t.copy();
        t.add(Taint.Flag.WARN);
        assertThat(c.print()).isEqualTo("Not tainted");
    }
}
