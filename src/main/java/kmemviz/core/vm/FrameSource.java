package kmemviz.core.vm;

/** Frames for page-table pages and vmalloc pages: the buddy allocator in the real model. */
public interface FrameSource {
    /** One order-0 frame, or -1 when none could be had (gfp is a GFP mask int). */
    int allocFrame(int gfp, FrameUse use);

    void freeFrame(int pfn);
}
