package kmemviz.ui.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Pictures to bytes with no JavaFX: PNG ({@link PngWriter}), and animated GIF with the JDK's own writer
 * (javax.imageio), a delay per frame and the NETSCAPE2.0 extension that makes a browser or a slide loop it. The GIF
 * writer chooses each frame's 256 colours itself; the views' flat colours fit, anti-aliased text edges are
 * approximated.
 */
public final class ImageFiles {
    private ImageFiles() {}

    public static void writePng(Raster r, OutputStream out) throws IOException { PngWriter.write(r, out); }

    /** One frame per raster, each shown for {@code delayMs}, looping forever. */
    public static void writeGif(List<Raster> frames, int delayMs, OutputStream out) throws IOException {
        if (frames.isEmpty()) throw new IllegalArgumentException("an animation needs at least one frame");
        try (GifSequence gif = new GifSequence(out, delayMs)) {
            for (Raster r : frames) gif.add(r);
        }
    }

    /** An animated GIF written a frame at a time, so the frames of a long range need not all be kept. */
    public static final class GifSequence implements java.io.Closeable {
        private final ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        private final ImageOutputStream ios;
        private final int delayMs;
        private int frames;

        public GifSequence(OutputStream out, int delayMs) throws IOException {
            this.delayMs = delayMs;
            ios = ImageIO.createImageOutputStream(out);
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
        }

        public void add(Raster r) throws IOException {
            BufferedImage img = image(r);
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
            frameMetadata(meta, delayMs, frames++ == 0);
            writer.writeToSequence(new IIOImage(img, null, meta), null);
        }

        @Override public void close() throws IOException {
            try {
                if (frames > 0) writer.endWriteSequence();
                ios.close();
            } finally {
                writer.dispose();
            }
        }
    }

    private static void frameMetadata(IIOMetadata meta, int delayMs, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));   // hundredths of a second
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});          // sub-block 1: loop count 0, forever
            child(root, "ApplicationExtensions").appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++)
            if (parent.item(i).getNodeName().equals(name)) return (IIOMetadataNode) parent.item(i);
        IIOMetadataNode n = new IIOMetadataNode(name);
        parent.appendChild(n);
        return n;
    }

    private static BufferedImage image(Raster r) {
        BufferedImage img = new BufferedImage(r.widthPx(), r.heightPx(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, r.widthPx(), r.heightPx(), r.argb(), 0, r.widthPx());
        return img;
    }
}
