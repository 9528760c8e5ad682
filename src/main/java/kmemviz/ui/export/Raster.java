package kmemviz.ui.export;

/** A picture as non-premultiplied ARGB pixels, row by row. */
public record Raster(int widthPx, int heightPx, int[] argb) {
    public Raster {
        if (widthPx <= 0 || heightPx <= 0) throw new IllegalArgumentException("empty picture " + widthPx + "x" + heightPx);
        if (argb.length != widthPx * heightPx)
            throw new IllegalArgumentException(argb.length + " pixels for " + widthPx + "x" + heightPx);
    }

    public int pixel(int x, int y) { return argb[y * widthPx + x]; }
}
