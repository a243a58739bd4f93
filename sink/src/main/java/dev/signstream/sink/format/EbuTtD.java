package dev.signstream.sink.format;

import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * EBU-TT-D (EBU Tech 3380), the TTML profile broadcasters distribute subtitles in: media time
 * base, one bottom region, one style (white text on a translucent black background, centred), and
 * per cue a {@code p} with {@code begin}/{@code end} ({@code hh:mm:ss.mmm}) holding one
 * {@code span} per line separated by {@code br}. Written with the JDK's XML writer, so text is
 * escaped as XML requires.
 */
public final class EbuTtD {

    static final String TT = "http://www.w3.org/ns/ttml";
    static final String TTP = "http://www.w3.org/ns/ttml#parameter";
    static final String TTS = "http://www.w3.org/ns/ttml#styling";
    static final String EBUTTM = "urn:ebu:tt:metadata";
    static final String XML = "http://www.w3.org/XML/1998/namespace";
    /** The EBU-TT-D version the documents declare conformance to. */
    static final String CONFORMS_TO = "urn:ebu:tt:distribution:2018-04";

    private EbuTtD() {
    }

    /**
     * A whole document.
     *
     * @param cues the session's cues ({@link CueLayout#session})
     * @param originUs the capture time (epoch micros) that is media time 00:00:00.000
     * @param language the text's language (BCP 47), e.g. {@code ko}
     */
    public static String render(List<Cue> cues, long originUs, String language) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.setDefaultNamespace(TT);
            xml.writeStartElement(TT, "tt");
            xml.writeDefaultNamespace(TT);
            xml.writeNamespace("ttp", TTP);
            xml.writeNamespace("tts", TTS);
            xml.writeNamespace("ebuttm", EBUTTM);
            xml.writeAttribute(TTP, "timeBase", "media");
            xml.writeAttribute(TTP, "cellResolution", "50 30");
            xml.writeAttribute("xml", XML, "lang", language);
            head(xml);
            xml.writeCharacters("\n");
            xml.writeStartElement(TT, "body");
            xml.writeStartElement(TT, "div");
            for (Cue cue : CueLayout.from(cues, originUs)) {
                xml.writeCharacters("\n");
                paragraph(xml, cue, originUs);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write EBU-TT-D: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void head(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeCharacters("\n");
        xml.writeStartElement(TT, "head");
        xml.writeStartElement(TT, "metadata");
        xml.writeStartElement(EBUTTM, "documentMetadata");
        xml.writeStartElement(EBUTTM, "conformsToStandard");
        xml.writeCharacters(CONFORMS_TO);
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeStartElement(TT, "styling");
        xml.writeEmptyElement(TT, "style");
        xml.writeAttribute("xml", XML, "id", "caption");
        xml.writeAttribute(TTS, "fontFamily", "proportionalSansSerif");
        xml.writeAttribute(TTS, "fontSize", "100%");
        xml.writeAttribute(TTS, "lineHeight", "normal");
        xml.writeAttribute(TTS, "textAlign", "center");
        xml.writeAttribute(TTS, "color", "#FFFFFF");
        xml.writeAttribute(TTS, "backgroundColor", "#000000C2");
        xml.writeEndElement();
        xml.writeStartElement(TT, "layout");
        xml.writeEmptyElement(TT, "region");
        xml.writeAttribute("xml", XML, "id", "bottom");
        xml.writeAttribute(TTS, "origin", "10% 10%");
        xml.writeAttribute(TTS, "extent", "80% 80%");
        xml.writeAttribute(TTS, "displayAlign", "after");
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void paragraph(XMLStreamWriter xml, Cue cue, long originUs) throws XMLStreamException {
        xml.writeStartElement(TT, "p");
        xml.writeAttribute("xml", XML, "id", "c" + cue.id());
        xml.writeAttribute("region", "bottom");
        xml.writeAttribute("begin", Timecodes.dotted(cue.startUs() - originUs));
        xml.writeAttribute("end", Timecodes.dotted(cue.endUs() - originUs));
        for (int i = 0; i < cue.lines().size(); i++) {
            if (i > 0) {
                xml.writeEmptyElement(TT, "br");
            }
            xml.writeStartElement(TT, "span");
            xml.writeAttribute("style", "caption");
            xml.writeCharacters(cue.lines().get(i));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
}
