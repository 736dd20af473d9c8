"""The bare baseline of ``framelab analyze --raw --jsonl``, as a command of its own.

Reads the same JSON lines on standard input, segments each text into sentences with FrameLab's
segmenter and calls ``TextBlob(sentence).sentiment`` on each; writes one line of sentence
polarities per record, so that it pays for reading and writing as the real command does.
"""

from __future__ import annotations

import json
import sys

from textblob import TextBlob

from webapp.analysis import segment


def main() -> int:
    for line in sys.stdin:
        if not line.strip():
            continue
        text = json.loads(line)["text"]
        polarities = [TextBlob(s.text(text)).sentiment.polarity for s in segment.sentences(text)]
        sys.stdout.write(json.dumps(polarities) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
