"""Reads a SubRip file with the `srt` library (Debian: python3-srt) and prints its cues as JSON.

Strict: anything the parser cannot read is an error (exit 1), as is a file that does not
survive a round trip through the library unchanged.
"""
import json
import sys

import srt

with open(sys.argv[1], encoding="utf-8", newline="") as f:
    text = f.read()
try:
    cues = list(srt.parse(text, ignore_errors=False))
except srt.SRTParseError as e:
    print("not SubRip: %s" % e, file=sys.stderr)
    sys.exit(1)
if srt.compose(cues, reindex=False, eol="\r\n") != text:
    print("SubRip does not survive a round trip through the srt library", file=sys.stderr)
    sys.exit(1)
print(json.dumps([{"index": c.index, "start": c.start.total_seconds(), "end": c.end.total_seconds(),
                   "text": c.content} for c in cues], ensure_ascii=False))
