package dev.signstream.synth.tools;

import dev.signstream.synth.perform.Choreographer;
import dev.signstream.synth.perform.IdleMotion;
import dev.signstream.synth.perform.Performer;
import dev.signstream.synth.perform.PlacedSign;
import dev.signstream.synth.sign.Pose;
import dev.signstream.synth.sign.SignDefinition;
import dev.signstream.synth.sign.Vocabulary;
import dev.signstream.synth.signer.SceneVariation;
import dev.signstream.synth.signer.SignerIdentity;
import dev.signstream.synth.signer.SignerPool;
import dev.signstream.synth.signer.SignerProfile;
import dev.signstream.synth.render.Framing;
import dev.signstream.synth.render.SignerRenderer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes a PNG with every sign of the vocabulary: one row per family, and for each sign four
 * frames across the sign plus a panel with the hands' paths (dominant hand red, other hand blue,
 * arrow heads along the middle of the path show the direction). Usage: {@code ContactSheet OUT.png [SIZE]}.
 */
public final class ContactSheet {

    private static final int FRAMES_PER_SIGN = 4;
    private static final int LABEL_HEIGHT = 22;
    private static final int GAP = 10;

    private ContactSheet() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ContactSheet OUT.png [CELL_SIZE]");
            System.exit(2);
        }
        int cell = args.length > 1 ? Integer.parseInt(args[1]) : 96;
        BufferedImage sheet = render(cell);
        Path out = Path.of(args[0]);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        ImageIO.write(sheet, "png", out.toFile());
        System.out.println("wrote " + out + " (" + sheet.getWidth() + "x" + sheet.getHeight() + ")");
    }

    static BufferedImage render(int cell) {
        Vocabulary vocabulary = Vocabulary.standard();
        Map<String, List<SignDefinition>> families = new LinkedHashMap<>();
        for (SignDefinition sign : vocabulary.signs()) {
            families.computeIfAbsent(sign.family(), f -> new ArrayList<>()).add(sign);
        }
        int signWidth = (FRAMES_PER_SIGN + 1) * cell;
        int width = 3 * signWidth + 4 * GAP;
        int rowHeight = cell + LABEL_HEIGHT + GAP;
        BufferedImage sheet = new BufferedImage(width, families.size() * rowHeight + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setFont(koreanFont(13));
        SignerProfile signer = SignerProfile.of(SignerIdentity.of(SignerPool.LIVE, 0, 7));
        SceneVariation scene = cleanScene(signer);
        int row = 0;
        for (List<SignDefinition> family : families.values()) {
            int y = GAP + row * rowHeight;
            for (int i = 0; i < family.size(); i++) {
                int x = GAP + i * (signWidth + GAP);
                drawSign(g, family.get(i), signer, scene, cell, x, y);
            }
            row++;
        }
        g.dispose();
        return sheet;
    }

    /** A plain, evenly lit, noise-free scene centred in the frame: the contact sheet shows the signs, not the variation. */
    static SceneVariation cleanScene(SignerProfile signer) {
        return new SceneVariation(SceneVariation.Background.PLAIN, 0xD8DCE2, 0xD8DCE2, 0, 1, null,
                1.0, 0, 0, 1, 1, 1, 0, 0, 1.0, 0, 0, 1.0, 2, 1);
    }

    private static void drawSign(Graphics2D g, SignDefinition sign, SignerProfile signer, SceneVariation scene,
                                 int cell, int x, int y) {
        Performer performer = new Performer(signer, 1.0, 11);
        IdleMotion idle = new IdleMotion(3);
        Choreographer.Clip clip = new Choreographer(performer, idle, 5).isolatedSign(sign);
        PlacedSign placed = clip.timeline().signs().get(0);
        g.setColor(Color.BLACK);
        g.drawString(sign.label() + "  " + sign.gloss(), x, y + LABEL_HEIGHT - 7);
        Pose pose = new Pose();
        byte[] rgb = new byte[cell * cell * 3];
        try (SignerRenderer renderer = new SignerRenderer(cell, signer, scene)) {
            for (int k = 0; k < FRAMES_PER_SIGN; k++) {
                double t = placed.start() + placed.duration() * (k + 1) / (FRAMES_PER_SIGN + 1);
                clip.timeline().poseAt(t, pose);
                renderer.render(pose, t, k, rgb);
                g.drawImage(toImage(rgb, cell), x + k * cell, y + LABEL_HEIGHT, null);
            }
            // the path panel: the rest frame with both hands' paths on top
            clip.timeline().poseAt(0, pose);
            renderer.render(pose, 0, 0, rgb);
            int px = x + FRAMES_PER_SIGN * cell;
            g.drawImage(toImage(rgb, cell), px, y + LABEL_HEIGHT, null);
            drawPath(g, clip, placed, renderer.framing(), px, y + LABEL_HEIGHT, true, new Color(220, 30, 30));
            if (sign.twoHanded()) {
                drawPath(g, clip, placed, renderer.framing(), px, y + LABEL_HEIGHT, false, new Color(30, 70, 220));
            }
        }
    }

    private static void drawPath(Graphics2D g, Choreographer.Clip clip, PlacedSign placed, Framing framing,
                                 int ox, int oy, boolean dominant, Color colour) {
        Pose pose = new Pose();
        Path2D.Double path = new Path2D.Double();
        int steps = 60;
        for (int i = 0; i <= steps; i++) {
            double t = placed.start() + placed.duration() * i / steps;
            clip.timeline().poseAt(t, pose);
            var hand = dominant ? pose.dominant() : pose.nondominant();
            double px = ox + framing.pixelX(hand.x());
            double py = oy + framing.pixelY(hand.y());
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        g.setColor(colour);
        g.setStroke(new BasicStroke(1.6f));
        g.draw(path);
        // the path leaves rest and comes back to it: arrow heads in the middle show the direction
        markDirection(g, clip, placed, framing, ox, oy, dominant);
    }

    /** Arrow heads along the core of the sign show which way the hand travels. */
    private static void markDirection(Graphics2D g, Choreographer.Clip clip, PlacedSign placed, Framing framing,
                                      int ox, int oy, boolean dominant) {
        Pose pose = new Pose();
        for (double f : new double[] {0.35, 0.5, 0.65}) {
            double t = placed.start() + placed.duration() * f;
            clip.timeline().poseAt(t, pose);
            var h = dominant ? pose.dominant() : pose.nondominant();
            double x1 = ox + framing.pixelX(h.x());
            double y1 = oy + framing.pixelY(h.y());
            clip.timeline().poseAt(t + 0.03, pose);
            h = dominant ? pose.dominant() : pose.nondominant();
            double x2 = ox + framing.pixelX(h.x());
            double y2 = oy + framing.pixelY(h.y());
            double a = Math.atan2(y2 - y1, x2 - x1);
            if (Math.hypot(x2 - x1, y2 - y1) < 0.05) {
                continue;
            }
            Path2D.Double head = new Path2D.Double();
            head.moveTo(x2 + 6 * Math.cos(a), y2 + 6 * Math.sin(a));
            head.lineTo(x2 + 6 * Math.cos(a + 2.5), y2 + 6 * Math.sin(a + 2.5));
            head.lineTo(x2 + 6 * Math.cos(a - 2.5), y2 + 6 * Math.sin(a - 2.5));
            head.closePath();
            g.fill(head);
        }
    }

    static BufferedImage toImage(byte[] rgb, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = (y * size + x) * 3;
                row[x] = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
            }
            image.setRGB(0, y, size, 1, row, 0, size);
        }
        return image;
    }

    static Font koreanFont(int points) {
        for (String name : new String[] {"NanumGothic", "Noto Sans CJK KR", "UnDotum", Font.SANS_SERIF}) {
            Font font = new Font(name, Font.PLAIN, points);
            if (font.canDisplayUpTo("안녕하세요") == -1) {
                return font;
            }
        }
        throw new IllegalStateException("no installed font can draw Korean; install fonts-nanum");
    }
}
