package kmemviz.core.vm;

/** Why the vm code wants a frame, so the page allocator can account it (PageTables vs vmalloc in /proc/meminfo). */
public enum FrameUse { PAGE_TABLE, VMALLOC }
