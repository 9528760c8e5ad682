package kmemviz.core.vm;

import kmemviz.core.mm.Profile;

/** A translation size: a 4 KiB PTE or a large leaf (2 MiB / 1 GiB on x86_64, 4 MiB PSE on i386). */
public enum PageSize {
    SIZE_4K(Profile.PAGE_SHIFT, "4k"),
    SIZE_2M(21, "2M"),
    SIZE_4M(22, "4M"),
    SIZE_1G(30, "1G");

    private final int shift;
    private final String label;

    PageSize(int shift, String label) {
        this.shift = shift;
        this.label = label;
    }

    public int shift() { return shift; }

    public long bytes() { return 1L << shift; }

    /** Number of 4 KiB frames under one page of this size. */
    public int nrFrames() { return 1 << (shift - Profile.PAGE_SHIFT); }

    /** The kernel's spelling in page_size_string() and the DirectMap lines: "4k", "2M", "4M", "1G". */
    public String label() { return label; }
}
