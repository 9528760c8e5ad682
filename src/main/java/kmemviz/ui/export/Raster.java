package kmemviz.ui.export;

/** A picture as non-premultiplied ARGB pixels, row by row. */
public record Raster(int widthPx, int heightPx, int[] argb) {
    public Raster {
        if (widthPx <= 0 || heightPx <= 0) throw new IllegalArgumentException("empty picture " + widthPx + "x" + heightPx);
        if (argb.length != widthPx * heightPx)
            throw new IllegalArgumentException(argb.length + " pixels for " + widthPx + "x" + heightPx);
    }

    public int pixel(int x, int y) { return argb[y * widthPx + x]; }

    /**
     * Copies the {@code w}x{@code h} pixels of {@code src} at ({@code sx}, {@code sy}) over this picture's at
     * ({@code dx}, {@code dy}); what falls outside either picture is left out.
     */
    public void paste(Raster src, int sx, int sy, int dx, int dy, int w, int h) {
        int cols = Math.min(w, Math.min(src.widthPx - sx, widthPx - dx)), rows = Math.min(h, Math.min(src.heightPx - sy, heightPx - dy));
        if (sx < 0 || sy < 0 || dx < 0 || dy < 0 || cols <= 0) return;
        for (int r = 0; r < rows; r++) System.arraycopy(src.argb, (sy + r) * src.widthPx + sx, argb, (dy + r) * widthPx + dx, cols);
    }
}
