package kmemviz.core.report;

import java.util.List;
import kmemviz.core.kernel.Kernel;
import kmemviz.core.kernel.MmEvent;

/** The reports {@code run --print} can give, each in the kernel's own file format where there is one. */
public enum Report {
    buddyinfo {
        public String render(Kernel k, List<MmEvent> events) { return BuddyinfoReport.render(k.memory()); }
    },
    pagetypeinfo {
        public String render(Kernel k, List<MmEvent> events) { return PagetypeinfoReport.render(k.memory()); }
    },
    zoneinfo {
        public String render(Kernel k, List<MmEvent> events) { return ZoneinfoReport.render(k.memory()); }
    },
    /** The lines of /proc/vmstat whose counters the model keeps (VmstatReport says which are left out). */
    vmstat {
        public String render(Kernel k, List<MmEvent> events) { return VmstatReport.render(k.memory()); }
    },
    events {
        public String render(Kernel k, List<MmEvent> events) { return EventsReport.render(events); }
    },
    allocations {
        public String render(Kernel k, List<MmEvent> events) { return AllocationsReport.render(k); }
    },
    slabinfo {
        public String render(Kernel k, List<MmEvent> events) {
            return kmemviz.core.slab.SlabinfoFormat.render(k.slab().allocator());
        }
    },
    meminfo {
        public String render(Kernel k, List<MmEvent> events) { return MeminfoReport.render(k); }
    },
    vmallocinfo {
        public String render(Kernel k, List<MmEvent> events) {
            return kmemviz.core.vm.VmallocinfoFormat.format(k.vm().vmalloc().areas(), k.profile().bits() == 64);
        }
    },
    tlb {
        public String render(Kernel k, List<MmEvent> events) { return TlbReport.render(k); }
    },
    unusable {
        public String render(Kernel k, List<MmEvent> events) { return ExtfragReport.unusableIndex(k.memory()); }
    },
    extfrag {
        public String render(Kernel k, List<MmEvent> events) { return ExtfragReport.extfragIndex(k.memory()); }
    },
    /** The summary of the last {@code replay}: what it applied, skipped and could not apply. */
    replay {
        public String render(Kernel k, List<MmEvent> events) {
            return k.lastReplay() == null ? "no replay has run\n" : k.lastReplay().render();
        }
    };

    public abstract String render(Kernel kernel, List<MmEvent> events);
}
