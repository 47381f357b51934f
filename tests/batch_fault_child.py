"""The batch engine child with faults planted for the tests: a page whose text holds one of these markers
hangs or kills its process at that step (the real child otherwise: backstory.batch.child)."""

import os
import sys
import time

from backstory import pipeline
from backstory.batch import child

_prepare, _finish = pipeline.Engine._prepare, pipeline.Engine._finish


def prepare(self, url, html):
    if "HANG-IN-EXTRACT" in html:
        time.sleep(3600)
    if "CRASH-IN-EXTRACT" in html:
        os._exit(70)
    return _prepare(self, url, html)


def finish(self, page, **kwargs):
    if page.text and "HANG-IN-PEOPLE" in page.text:
        time.sleep(3600)
    return _finish(self, page, **kwargs)


class HangingPipe:
    """nlp.pipe that hangs when one of the batch's texts holds HANG-IN-PARSE."""

    def __init__(self, nlp):
        self.nlp = nlp

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        if any("HANG-IN-PARSE" in t for t in texts):
            time.sleep(3600)
        return self.nlp.pipe(texts, **kwargs)

    def __call__(self, text):
        if "HANG-IN-PARSE" in text:
            time.sleep(3600)
        return self.nlp(text)


_with_breaks = pipeline.people.with_paragraph_breaks
pipeline.Engine._prepare, pipeline.Engine._finish = prepare, finish
pipeline.people.with_paragraph_breaks = lambda nlp: HangingPipe(_with_breaks(nlp))

if __name__ == "__main__":
    sys.exit(child.main(sys.argv[1:]))
