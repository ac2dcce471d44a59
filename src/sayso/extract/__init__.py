"""Article -> Statements. Extraction is pure: text in, statements out; it never touches a store.

The stages, in order: ``s1_quotes`` (quotation marks), ``s2_cues`` (said, denied, according
to), ``s3_content`` (what was said), ``s4_sources`` (who, as written), ``s5_frames`` (quotes
attached, floating quotes), ``s6_speakers`` (canonical speakers), ``s7_statements`` (kind,
polarity, ``dates``, ``channel``).

    extractor = Extractor()                    # loads the spaCy pipeline once
    statements = extractor.extract(article)    # list[Statement]
    for article, statements in extractor.extract_many(articles): ...
"""

from __future__ import annotations

from sayso.extract.extractor import Extractor
from sayso.extract.nlp import load_pipeline

__all__ = ["Extractor", "load_pipeline"]
