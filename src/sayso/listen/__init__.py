"""Listen: an article, or a who-said-what digest, read aloud offline (piper or espeak-ng), with
a sidecar of sentence timings so that a player can show what is being read.

    from sayso.listen import article_script, find_engine, render
    sidecar = render(article_script(article, statements), find_engine(), Path("out.wav"))

``script`` and ``digest`` decide what is read; ``engines`` speak; ``render`` writes the audio
and the sidecar (shaped as in EVAL.md, "The listen sidecar"); ``targets`` turns a file, a
stored article, a speaker or a claim into a script.
"""

from __future__ import annotations

from sayso.listen.digest import Said, digest_script
from sayso.listen.engines import ENGINES, Engine, find_engine
from sayso.listen.render import Part, Script, Utterance, render, render_cached
from sayso.listen.script import article_script, sentences

__all__ = [
    "ENGINES",
    "Engine",
    "Part",
    "Said",
    "Script",
    "Utterance",
    "article_script",
    "digest_script",
    "find_engine",
    "render",
    "render_cached",
    "sentences",
]
