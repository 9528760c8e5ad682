package kmemviz.core.mm;

/** The pfns a zone spans ({@code zone_start_pfn}, {@code spanned_pages}); holes inside it are not present. */
public record ZoneSpan(ZoneType type, PfnRange span) {}
