package dev.signstream.synth.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signstream.media.RgbFrame;
import dev.signstream.media.VideoReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Tiles decoded frames of a written corpus into one PNG, to see the variation the model trains on:
 * for each of the first COLUMNS x ROWS sign clips of a split (in manifest order), the frame in the
 * middle of its sign, decoded from the MP4 as training reads it.
 * Usage: {@code VariationGallery CORPUS_DIR SPLIT OUT.png [COLUMNS ROWS STRIDE]}; STRIDE skips clips
 * between picks so the grid shows many signs and signers.
 */
public final class VariationGallery {

    private VariationGallery() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: VariationGallery CORPUS_DIR SPLIT OUT.png [COLUMNS ROWS STRIDE]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        String split = args[1];
        int columns = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int rows = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        int stride = args.length > 5 ? Integer.parseInt(args[5]) : 7;
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> picks = new ArrayList<>();
        List<String> lines = Files.readAllLines(root.resolve("manifest.jsonl"), StandardCharsets.UTF_8);
        int seen = 0;
        for (String line : lines) {
            JsonNode clip = json.readTree(line);
            if (!split.equals(clip.get("split").asText()) || !"sign".equals(clip.get("kind").asText())) {
                continue;
            }
            if (seen++ % stride == 0) {
                picks.add(clip);
            }
            if (picks.size() == columns * rows) {
                break;
            }
        }
        if (picks.isEmpty()) {
            throw new IllegalArgumentException("no sign clips of split " + split + " in " + root);
        }
        int size = picks.get(0).get("width").asInt();
        BufferedImage sheet = new BufferedImage(columns * size, rows * size, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < picks.size(); i++) {
            JsonNode clip = picks.get(i);
            JsonNode sign = clip.get("signs").get(0);
            int middle = (sign.get("start").asInt() + sign.get("end").asInt()) / 2;
            RgbFrame frame = VideoReader.readAll(root.resolve(clip.get("file").asText()), size, size).get(middle);
            sheet.createGraphics().drawImage(ContactSheet.toImage(frame.pixels(), size), (i % columns) * size, (i / columns) * size, null);
        }
        ImageIO.write(sheet, "png", Path.of(args[2]).toFile());
        System.out.println("wrote " + args[2] + " with " + picks.size() + " frames");
    }
}
