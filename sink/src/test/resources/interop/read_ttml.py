"""Reads a TTML (EBU-TT-D) document with ttconv's IMSC reader (Debian: python3-ttconv) and
prints its paragraphs as JSON. Any warning or error the reader logs makes it fail (exit 1)."""
import json
import logging
import sys
import xml.etree.ElementTree as et

from ttconv import model
from ttconv.imsc import reader


class Complaints(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record.getMessage())


complaints = Complaints()
logging.getLogger().addHandler(complaints)

document = reader.to_model(et.parse(sys.argv[1]))
if document is None or complaints.records:
    print("TTML rejected: %s" % complaints.records, file=sys.stderr)
    sys.exit(1)


def text_of(element):
    if isinstance(element, model.Text):
        return element.get_text()
    if isinstance(element, model.Br):
        return "\n"
    return "".join(text_of(child) for child in element)


paragraphs = []


def walk(element):
    if isinstance(element, model.P):
        begin = element.get_begin()
        end = element.get_end()
        paragraphs.append({"start": float(begin or 0), "end": float(end) if end is not None else None,
                           "text": text_of(element)})
        return
    for child in element:
        walk(child)


walk(document.get_body())
print(json.dumps({"lang": document.get_lang(), "paragraphs": paragraphs}, ensure_ascii=False))
