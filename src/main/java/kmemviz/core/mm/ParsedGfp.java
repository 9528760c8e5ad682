package kmemviz.core.mm;

import java.util.List;

/**
 * A GFP expression turned into a mask by {@link GfpParser}.
 *
 * @param mask  the OR of every term; it may hold bits that {@link Gfp#invalidReason(int)} reports
 * @param notes one line per old or configured-out name that was read, saying what it became and why
 */
public record ParsedGfp(int mask, List<String> notes) {
    public ParsedGfp {
        notes = List.copyOf(notes);
    }
}
