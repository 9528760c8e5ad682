package kmemviz.core.mm;

/** The zone watermarks ({@code enum zone_watermarks}). */
public enum Watermark { MIN, LOW, HIGH, PROMO }
