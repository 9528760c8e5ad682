package kmemviz.ui.export;

/** A picture as non-premultiplied ARGB pixels, row by row. */
public record Raster(int widthPx, int heightPx, int[] argb) {
    public Raster {
        if (widthPx <= 0 || heightPx <= 0) throw new IllegalArgumentException("empty picture " + widthPx + "x" + heightPx);
        if (argb.length != widthPx * heightPx)
            throw new IllegalArgumentException(argb.length + " pixels for " + widthPx + "x" + heightPx);
    }

    public int pixel(int x, int y) { return argb[y * widthPx + x]; }

    /** Whether every pixel is fully opaque. */
    public boolean opaque() {
        for (int p : argb) if (p >>> 24 != 0xff) return false;
        return true;
    }

    /**
     * Copies the {@code w}x{@code h} pixels of {@code src} at ({@code sx}, {@code sy}) over this picture's at
     * ({@code dx}, {@code dy}); what falls outside either picture is left out.
     */
    public void paste(Raster src, int sx, int sy, int dx, int dy, int w, int h) {
        int cols = Math.min(w, Math.min(src.widthPx - sx, widthPx - dx)), rows = Math.min(h, Math.min(src.heightPx - sy, heightPx - dy));
        if (sx < 0 || sy < 0 || dx < 0 || dy < 0 || cols <= 0) return;
        for (int r = 0; r < rows; r++) System.arraycopy(src.argb, (sy + r) * src.widthPx + sx, argb, (dy + r) * widthPx + dx, cols);
    }

    /** Draws all of {@code src} over this picture at ({@code dx}, {@code dy}), blended by its alpha; this picture is opaque. */
    public void blend(Raster src, int dx, int dy) {
        for (int y = Math.max(0, -dy); y < src.heightPx && y + dy < heightPx; y++)
            for (int x = Math.max(0, -dx); x < src.widthPx && x + dx < widthPx; x++) {
                int s = src.argb[y * src.widthPx + x], a = s >>> 24, i = (y + dy) * widthPx + x + dx, d = argb[i];
                if (a == 0) continue;
                int out = 0xff000000;
                for (int shift = 0; shift < 24; shift += 8)
                    out |= ((((s >> shift) & 0xff) * a + ((d >> shift) & 0xff) * (255 - a) + 127) / 255) << shift;
                argb[i] = out;
            }
    }
}
