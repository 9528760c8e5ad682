package kmemviz.core.cmd;

import kmemviz.core.mm.Profile;

/**
 * Memory outside the kernel's own allocations, so that reclaim and the OOM killer have something to act on:
 * {@code t = user_process("firefox", 512MiB)} faults in anonymous pages; {@code f = page_cache("libc.so.6", 2MiB)}
 * reads a file into the page cache.
 */
public record UserMemoryCommand(String variable, Kind kind, String name, long sizeBytes) implements Command {
    public enum Kind { USER_PROCESS, PAGE_CACHE }

    public String text() {
        String fn = kind == Kind.USER_PROCESS ? "user_process" : "page_cache";
        return Texts.assign(variable, fn + "(" + Texts.quote(name) + ", " + Sizes.format(sizeBytes) + ")", "");
    }

    public long nrPages() { return (sizeBytes + Profile.PAGE_SIZE - 1) >>> Profile.PAGE_SHIFT; }

    public <R> R accept(Command.Visitor<R> visitor) { return visitor.visit(this); }
}
