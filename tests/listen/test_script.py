"""What is read aloud: an article's sentences and the parts of them that are quotations."""

from __future__ import annotations

from pathlib import Path

from sayso.extract import Extractor
from sayso.ingest import read_inputs
from sayso.listen.script import article_script, sentences
from sayso.model import Article


def test_sentences_cover_every_word_in_order() -> None:
    text = 'Kyiv said no. "We stay," he added.\n\nThe mayor left. Mr. Hill stayed.'
    spans = sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "Kyiv said no.",
        '"We stay," he added.',
        "The mayor left.",
        "Mr. Hill stayed.",
    ]


def test_a_quotation_is_never_cut_in_two() -> None:
    text = 'He said: "No. We stay here." Then he left.'
    assert [text[a:b] for a, b in sentences(text)] == [
        'He said: "No. We stay here."',
        "Then he left.",
    ]


def test_the_article_is_read_as_its_story_without_boilerplate(
    azovstal_path: Path, default_extractor: Extractor
) -> None:
    article = next(a for a in read_inputs([azovstal_path]) if isinstance(a, Article))
    script = article_script(article, default_extractor.extract(article))
    assert script.text == article.text
    assert "You can now listen" not in script.text
    spoken = " ".join(part.text for u in script.utterances for part in u.parts)
    assert "You can now listen" not in spoken
    starts = [u.start_char for u in script.utterances]
    assert starts == sorted(starts)
    covered = set()
    for utterance in script.utterances:
        assert article.text[utterance.start_char : utterance.end_char] == utterance.text
        covered.update(range(utterance.start_char, utterance.end_char))
    assert all(char.isspace() for at, char in enumerate(article.text) if at not in covered)
    quoted = [part.text for u in script.utterances for part in u.parts if part.quoted]
    assert any("three days now since Russian troops broke into" in text for text in quoted)
    assert not any('"' in text or "\u201c" in text for text in quoted)
    tied = [u.statement_id for u in script.utterances if u.statement_id]
    assert len(tied) >= 8  # most sentences of this story are someone's statement


def test_scare_quotes_and_indirect_speech_stay_in_the_narrators_voice(
    default_extractor: Extractor,
) -> None:
    text = (
        'The mayor said the plan was "bold" and would work.\n\n'
        '"We will rebuild the bridge by June," the mayor told reporters on Monday.'
    )
    article = Article(id="a", text=text)
    script = article_script(article, default_extractor.extract(article))
    first, second = script.utterances
    assert not any(part.quoted for part in first.parts)
    assert [part.quoted for part in second.parts] == [True, False]
    assert second.parts[0].text == "We will rebuild the bridge by June,"
    assert first.pause_after > 0 and second.pause_after >= first.pause_after
