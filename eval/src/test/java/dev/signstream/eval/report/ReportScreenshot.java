package dev.signstream.eval.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Opens a written report in headless Chromium and saves a full-page screenshot (how
 * docs/images/replay-report.png is made from a real run); fails if the page logs an error or an
 * image does not load.
 *
 * <pre>
 * mvn -B -q -pl eval exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.signstream.eval.report.ReportScreenshot -Dexec.args="REPORT_DIR/report.html OUT.png"
 * </pre>
 */
public final class ReportScreenshot {

    private ReportScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ReportScreenshot REPORT.html OUT.png");
        }
        Path chromium = BrowserCheck.chromium().orElseThrow(() -> new IllegalStateException(
                "Chromium not found ($CHROMIUM, or chromium / chromium-browser on the PATH)"));
        Path work = Files.createTempDirectory("report-screenshot-");
        BrowserCheck.Result page = BrowserCheck.open(chromium, Path.of(args[0]).toAbsolutePath(), work);
        if (!page.errors().isEmpty() || page.imagesLoaded() != page.images()) {
            throw new IllegalStateException("the page is not clean: errors " + page.errors() + ", " + page.imagesLoaded()
                    + " of " + page.images() + " images loaded");
        }
        Path out = Path.of(args[1]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.copy(page.screenshot(), out, StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        System.out.printf("%s: %d images, no console errors -> %s%n", args[0], page.images(), out);
    }
}
