package dev.signstream.eval.report;

import dev.signstream.embedded.junit.HeadlessChromium;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens a report page in headless Chromium and tells what a reader would meet: errors in the
 * console or while loading, how many images there are and how many loaded, the heading, and a
 * full-page screenshot. With {@code -Dsignstream.screenshot.dir=DIR} the screenshot is also copied to
 * {@code DIR/replay-report.png} (how docs/images/replay-report.png is made).
 */
public final class BrowserCheck {

    /** What the page showed. */
    public record Result(List<String> errors, int images, int imagesLoaded, String heading, Path screenshot) {
    }

    private BrowserCheck() {
    }

    /** The Chromium to use, if one is installed. */
    public static Optional<Path> chromium() {
        return HeadlessChromium.find();
    }

    public static Result open(Path chromium, Path page, Path workDir) throws Exception {
        Files.createDirectories(workDir);
        try (HeadlessChromium browser = HeadlessChromium.start(chromium, workDir, 1200, 900)) {
            browser.open(page.toUri().toString());
            int images = Integer.parseInt(browser.evaluate("document.images.length"));
            int loaded = Integer.parseInt(browser.evaluate(
                    "Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length"));
            String heading = browser.evaluate("document.querySelector('h1').textContent");
            Path screenshot = workDir.resolve("replay-report.png");
            Files.write(screenshot, browser.screenshotFullPage());
            String target = System.getProperty("signstream.screenshot.dir");
            if (target != null && !target.isBlank()) {
                Files.createDirectories(Path.of(target));
                Files.copy(screenshot, Path.of(target, "replay-report.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return new Result(browser.errors(), images, loaded, heading, screenshot);
        }
    }
}
