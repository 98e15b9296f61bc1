import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the DML Workbench icon (an embedding space: three tight clusters of points, one query
 * ringed and joined to its nearest neighbours) and writes every format the installers use:
 * PNG for Linux, ICO for Windows, ICNS for macOS. ICO (since Vista) and ICNS (since 10.7) may
 * hold PNG data directly, so no image codec beyond ImageIO is needed.
 *
 * Run from the repository root: {@code java installers/tools/MakeIcons.java installers/icons}
 */
public final class MakeIcons {

    /** Points in unit coordinates (0..1) with their cluster. */
    private static final double[][] POINTS = {
        {0.28, 0.32, 0}, {0.36, 0.26, 0}, {0.22, 0.42, 0}, {0.34, 0.38, 0},
        {0.70, 0.30, 1}, {0.77, 0.38, 1}, {0.66, 0.40, 1}, {0.74, 0.24, 1},
        {0.50, 0.80, 2}, {0.40, 0.76, 2}, {0.60, 0.75, 2}, {0.48, 0.70, 2},
    };
    /** The query: its own white point, joined to its three nearest neighbours. */
    private static final double[] QUERY = {0.54, 0.50};
    private static final int[] NEIGHBOURS = {9, 10, 11};
    private static final Color[] CLUSTER_COLOURS = {
        new Color(0xFF, 0xB3, 0x47), new Color(0x6F, 0xE0, 0xFF), new Color(0x9B, 0xF0, 0x8A),
    };

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "installers/icons");
        Files.createDirectories(folder);
        ImageIO.write(draw(512), "png", folder.resolve("dml-workbench.png").toFile());
        ImageIO.write(draw(256), "png", folder.resolve("dml-workbench-256.png").toFile());
        writeIco(folder.resolve("dml-workbench.ico"), List.of(16, 24, 32, 48, 64, 128, 256));
        writeIcns(folder.resolve("dml-workbench.icns"));
        System.out.println("wrote icons to " + folder.toAbsolutePath());
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double inset = size * 0.04;
        double side = size - 2 * inset;
        g.setPaint(new GradientPaint(0, 0, new Color(0x1B, 0x2A, 0x4A), size, size, new Color(0x0E, 0x6B, 0x78)));
        g.fill(new RoundRectangle2D.Double(inset, inset, side, side, side * 0.36, side * 0.36));

        // Small sizes get fatter strokes and dots so the picture survives at 16 px.
        double scale = side * (size <= 32 ? 1.4 : 1.0);
        double[] query = at(QUERY, inset, side);
        g.setStroke(new BasicStroke((float) Math.max(1, scale * 0.018), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(255, 255, 255, 150));
        for (int i : NEIGHBOURS) {
            double[] p = at(POINTS[i], inset, side);
            g.draw(new Line2D.Double(query[0], query[1], p[0], p[1]));
        }
        double radius = scale * 0.045;
        for (double[] point : POINTS) {
            double[] p = at(point, inset, side);
            g.setColor(CLUSTER_COLOURS[(int) point[2]]);
            g.fill(new Ellipse2D.Double(p[0] - radius, p[1] - radius, 2 * radius, 2 * radius));
        }
        double ring = radius * 1.9;
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(query[0] - radius, query[1] - radius, 2 * radius, 2 * radius));
        g.setStroke(new BasicStroke((float) Math.max(1, scale * 0.022)));
        g.draw(new Ellipse2D.Double(query[0] - ring, query[1] - ring, 2 * ring, 2 * ring));
        g.dispose();
        return image;
    }

    private static double[] at(double[] point, double inset, double side) {
        return new double[] {inset + point[0] * side, inset + point[1] * side};
    }

    private static byte[] png(int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", bytes);
        return bytes.toByteArray();
    }

    /** ICONDIR, then one ICONDIRENTRY per size, then the PNG data (little-endian throughout). */
    static void writeIco(Path file, List<Integer> sizes) throws IOException {
        List<byte[]> images = new java.util.ArrayList<>();
        for (int size : sizes) {
            images.add(png(size));
        }
        int headerBytes = 6 + 16 * sizes.size();
        ByteBuffer header = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.size());
        int offset = headerBytes;
        for (int i = 0; i < sizes.size(); i++) {
            int size = sizes.get(i);
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size)); // 0 means 256
            header.put((byte) 0).put((byte) 0);                  // no palette, reserved
            header.putShort((short) 1).putShort((short) 32);     // colour planes, bits per pixel
            header.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.array());
            for (byte[] image : images) {
                out.write(image);
            }
        }
    }

    /** 'icns', total length, then per image: its OSType, its length (with this 8-byte header), PNG data. */
    static void writeIcns(Path file) throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("ic11", 32);   // 16@2x
        types.put("icp6", 64);
        types.put("ic12", 64);   // 32@2x
        types.put("ic07", 128);
        types.put("ic13", 256);  // 128@2x
        types.put("ic08", 256);
        types.put("ic14", 512);  // 256@2x
        types.put("ic09", 512);
        types.put("ic10", 1024); // 512@2x
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, Integer> entry : types.entrySet()) {
            byte[] image = png(entry.getValue());
            body.write(entry.getKey().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            body.write(ByteBuffer.allocate(4).putInt(image.length + 8).array());
            body.write(image);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(ByteBuffer.allocate(4).putInt(body.size() + 8).array());
            body.writeTo(out);
        }
    }
}
