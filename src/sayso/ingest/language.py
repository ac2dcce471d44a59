"""Is a story in English? py3langid with its bundled model (offline), used conservatively."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from sayso.errors import NotEnglish

# Below this many letters a guess is noise: py3langid calls short English headlines
# and quote-heavy snippets Dutch or Latin. 200 letters is about two sentences, where
# its guesses on English and French/German/Spanish news were all right when tried.
MIN_LETTERS_TO_JUDGE = 200

# Reject only when the model is this sure (normalised probability). Non-English news
# scores above 0.99; English with many foreign names stays well below this when wrong.
NOT_ENGLISH_CONFIDENCE = 0.99

# The start of a story is enough to tell its language and keeps long texts fast.
SAMPLE_CHARS = 5000


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float] | None:
    """The language of ``text`` and the model's confidence, or None if too short to judge."""
    sample = text[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_LETTERS_TO_JUDGE:
        return None
    language, confidence = _identifier().classify(sample)
    return str(language), float(confidence)


def require_english(text: str, source: str) -> None:
    """Raise :class:`NotEnglish` when ``text`` is confidently in another language."""
    guess = detect_language(text)
    if guess is None:
        return
    language, confidence = guess
    if language != "en" and confidence >= NOT_ENGLISH_CONFIDENCE:
        raise NotEnglish(source, f"not English (detected {language!r}); skipped")
