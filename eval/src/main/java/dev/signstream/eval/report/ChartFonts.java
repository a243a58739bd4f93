package dev.signstream.eval.report;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Set;

/** Picks a font that can draw Korean glosses, so chart labels are not empty boxes. */
final class ChartFonts {

    private static final List<String> PREFERRED = List.of("NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR",
            "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", "UnDotum", "Baekmuk Gulim");
    private static final String FAMILY = pick();

    private ChartFonts() {
    }

    private static String pick() {
        Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        for (String family : PREFERRED) {
            if (installed.contains(family)) {
                return family;
            }
        }
        return Font.SANS_SERIF; // the JDK's logical font, which falls back through fontconfig
    }

    static Font plain(int size) {
        return new Font(FAMILY, Font.PLAIN, size);
    }

    static Font bold(int size) {
        return new Font(FAMILY, Font.BOLD, size);
    }
}
