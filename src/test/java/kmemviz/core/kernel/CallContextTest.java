package kmemviz.core.kernel;

import static kmemviz.core.kernel.KernelFixture.digest;
import static kmemviz.core.kernel.KernelFixture.last;
import static kmemviz.core.kernel.KernelFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import kmemviz.core.mm.Profiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallContextTest {

    @ParameterizedTest
    @ValueSource(strings = {"__free_pages(x, 0)", "free_pages(x, 0)", "exit_process(x)", "drop_cache(x)",
            "expect x != NULL", "expect pfn(x) == 1", "expect ksize(x) == 8", "kfree(x)", "y = krealloc(x, 8, GFP_KERNEL)",
            "y = kmem_cache_alloc(x, GFP_KERNEL)", "kmem_cache_free(c, x)", "kmem_cache_free(x, p)", "kmem_cache_destroy(x)",
            "vfree(x)", "kvfree(x)", "exit_task(x)", "y = kmap(x)", "kunmap(x)", "translate(x)", "touch x"})
    void everyCallThatNamesAnUnknownVariableSaysSoAndChangesNothing(String line) {
        Kernel k = new Kernel(Profiles.builtIn("i386-1g"));
        run(k, "p = kmalloc(64, GFP_KERNEL)\nc = kmem_cache_create(\"foo\", 64)");
        String before = digest(k.memory());
        Outcome o = last(k, line);
        assertThat(o.status()).isEqualTo(Outcome.Status.ERROR);
        assertThat(o.message()).isEqualTo("unknown variable 'x'");
        assertThat(o.events()).isEmpty();
        assertThat(digest(k.memory())).isEqualTo(before);
        assertThat(k.variables()).doesNotContainKey("y");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmem_cache_alloc(p, GFP_KERNEL)", "kmem_cache_destroy(p)"})
    void aVariableThatHoldsNoCacheIsNotAKmemCache(String call) {
        Kernel k = KernelFixture.classroom();
        run(k, "p = kmalloc(64, GFP_KERNEL)");
        Outcome o = last(k, call);
        assertThat(o.status()).isEqualTo(Outcome.Status.ERROR);
        assertThat(o.message()).isEqualTo("p is not a kmem_cache");
    }
}
