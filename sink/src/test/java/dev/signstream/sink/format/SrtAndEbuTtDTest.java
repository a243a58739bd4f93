package dev.signstream.sink.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signstream.sink.view.CaptionLine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The file writers' own structure; {@code CaptionFormatsValidationTest} checks them with independent parsers. */
class SrtAndEbuTtDTest {

    private static final long T0 = 1_767_225_600_000_000L;
    private static final CueLayout LAYOUT = new CueLayout(LayoutRules.defaults());

    private static final List<CaptionLine> FINALS = List.of(
            new CaptionLine("s", 0, "안녕하세요, 만나서 반갑습니다.", List.of(), null, T0 + 2_000_000, T0 + 4_100_000, true, "v1"),
            new CaptionLine("s", 1, "A < B & \"C\"", List.of(), null, T0 + 7_250_000, T0 + 7_600_000, true, "v1"));

    @Test
    void srtNumbersCuesFromOneWithCommaTimesAndCrlf() {
        List<Cue> cues = LAYOUT.session(FINALS);

        String srt = Srt.render(cues, WebVtt.defaultOrigin(cues));

        assertThat(srt).isEqualTo("1\r\n00:00:00,000 --> 00:00:02,100\r\n안녕하세요,\r\n만나서 반갑습니다.\r\n\r\n"
                + "2\r\n00:00:05,250 --> 00:00:06,750\r\nA < B & \"C\"\r\n\r\n");
        assertThat(Srt.render(List.of(), 0)).isEmpty();
    }

    @Test
    void ebuTtDIsWellFormedTtmlWithOneParagraphPerCueAndSpansPerLine() throws Exception {
        List<Cue> cues = LAYOUT.session(FINALS);

        String ttml = EbuTtD.render(cues, WebVtt.defaultOrigin(cues), "ko");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(ttml.getBytes(StandardCharsets.UTF_8)));
        Element tt = doc.getDocumentElement();
        assertThat(tt.getNamespaceURI()).isEqualTo(EbuTtD.TT);
        assertThat(tt.getLocalName()).isEqualTo("tt");
        assertThat(tt.getAttributeNS(EbuTtD.TTP, "timeBase")).isEqualTo("media");
        assertThat(tt.getAttributeNS(EbuTtD.XML, "lang")).isEqualTo("ko");
        assertThat(doc.getElementsByTagNameNS(EbuTtD.EBUTTM, "conformsToStandard").item(0).getTextContent())
                .isEqualTo(EbuTtD.CONFORMS_TO);
        NodeList paragraphs = doc.getElementsByTagNameNS(EbuTtD.TT, "p");
        assertThat(paragraphs.getLength()).isEqualTo(2);
        Element first = (Element) paragraphs.item(0);
        assertThat(first.getAttribute("begin")).isEqualTo("00:00:00.000");
        assertThat(first.getAttribute("end")).isEqualTo("00:00:02.100");
        assertThat(first.getAttribute("region")).isEqualTo("bottom");
        assertThat(first.getAttributeNS(EbuTtD.XML, "id")).isEqualTo("c0");
        assertThat(first.getElementsByTagNameNS(EbuTtD.TT, "span").getLength()).isEqualTo(2);
        assertThat(first.getElementsByTagNameNS(EbuTtD.TT, "br").getLength()).isEqualTo(1);
        // text is XML-escaped on the way out and reads back as it was
        assertThat(((Element) paragraphs.item(1)).getTextContent()).isEqualTo("A < B & \"C\"");
        assertThat(ttml).contains("A &lt; B &amp;");
    }
}
