package kmemviz.core.vm;

/** The two paging setups the model knows: x86_64 4-level (48-bit VA) and i386 2-level without PAE. */
public enum Arch {
    X86_64(true),
    I386(false);

    private final boolean is64;

    Arch(boolean is64) { this.is64 = is64; }

    public boolean is64() { return is64; }
}
