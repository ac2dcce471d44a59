"""One exception hierarchy for sayso. Every error says what is wrong and where.

::

    SaysoError
     ├── InputError                 an input could not become an Article (carries source, line)
     │    ├── UnreadableInput       missing path, permission denied, a directory with no files,
     │    │                         a URL that gave an HTTP error, no answer or no HTML
     │    ├── BadEncoding           bytes that are not valid text (binary, invalid UTF-8)
     │    ├── EmptyArticle          no story text left after cleaning
     │    ├── InputTooLarge         a file over the size limit
     │    ├── NoArticleFound        HTML with no main text in it
     │    ├── MalformedRecord       a JSONL line that is not JSON, a CSV row without text, a
     │    │                         truncated compressed stream or WARC record, not a feed
     │    ├── NotEnglish            skipped: the text is not in English
     │    ├── ExtractionTimedOut    a batch worker spent over --article-timeout on one article
     │    └── ExtractionFailed      extracting one article raised, or kept killing its worker
     ├── ModelNotInstalled          no spaCy English pipeline, or a packaged model file missing
     ├── StoreError                 the database cannot be opened, migrated or written
     ├── BatchError                 a batch ingest cannot run (no dask scheduler at the address)
     ├── QueryError                 a search query that cannot be read (unclosed quote, ...)
     ├── LinkFileError              an alias or opposites file cannot be read or parsed
     ├── LinkWorkerFailed           a ``sayso link --workers`` process died or failed to start
     ├── EvalDataError              an evaluation folder is not laid out as expected
     └── ListenError                speech could not be rendered (``sayso listen``)
          ├── NothingToRead         a script with no sentences in it
          ├── NoSpeechEngine        neither piper nor espeak-ng is installed (or not the one asked)
          ├── SpeechEngineFailed    the engine ran but gave no usable audio
          ├── UnsupportedAudioFormat  an output suffix other than .wav .mp3 .opus .ogg
          ├── NoAudioConverter      .mp3 / .opus asked, but no ffmpeg, lame or opusenc on PATH
          └── ConversionFailed      the converter ran and failed
"""

from __future__ import annotations


class SaysoError(Exception):
    """Base class of every error sayso raises on purpose."""


class InputError(SaysoError):
    """An input could not be turned into an Article.

    ``source`` names the input (a path or ``<stdin>``), ``line`` the line number in
    a corpus file where that applies. ``str(error)`` is one line: ``source[:line]: reason``.
    """

    skipped = False  # True for inputs deliberately passed over rather than failed

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None]]:
        # Errors cross process boundaries in batch ingests (sayso.batch); the default pickling
        # would call the class with the message alone.
        return type(self), (self.source, self.reason, self.line)


class UnreadableInput(InputError):
    """The path does not exist or cannot be read, or a URL gave no HTML page."""


class BadEncoding(InputError):
    """The bytes are not text in a known encoding (binary or invalid UTF-8)."""


class EmptyArticle(InputError):
    """Nothing of a story is left after removing headers and boilerplate."""


class InputTooLarge(InputError):
    """The file is larger than the configured limit."""


class NoArticleFound(InputError):
    """An HTML page in which no main article text could be found."""


class MalformedRecord(InputError):
    """A record of a corpus or archive is broken (not JSON, no text field, a compressed
    stream or WARC record cut short), or a feed file is not a feed."""


class NotEnglish(InputError):
    """The article is not in English and was skipped."""

    skipped = True


class ExtractionTimedOut(InputError):
    """A batch worker spent longer than the article timeout on one article and was replaced."""


class ExtractionFailed(InputError):
    """Extracting one article raised an unexpected error, or the worker doing it died each time
    it was tried; the batch goes on without it."""


class ModelNotInstalled(SaysoError):
    """No spaCy English pipeline is installed."""


class StoreError(SaysoError):
    """The store cannot be opened, migrated or written."""


class BatchError(SaysoError):
    """A batch ingest cannot run: no dask scheduler answers at the address given, ..."""


class QueryError(SaysoError):
    """A search query a person typed that cannot be read; the message says where and how to
    fix it (an unclosed quotation mark, unbalanced parentheses, a dangling operator)."""


class LinkFileError(SaysoError):
    """A user's alias or opposites file (``sayso link --aliases / --opposites``) that cannot
    be read or parsed; the message names the file and, where it can, the line."""


class LinkWorkerFailed(SaysoError):
    """A judging process of ``sayso link --workers N`` died (out of memory, killed) or could not
    load its models; the links of the batches judged before it are saved."""


class EvalDataError(SaysoError):
    """An evaluation folder is not laid out as expected."""


class ListenError(SaysoError):
    """Speech could not be rendered; the message names the file or engine and how to fix it."""


class NothingToRead(ListenError):
    """A script with no sentences: there is nothing to read aloud."""


class NoSpeechEngine(ListenError):
    """No speech engine is installed, or not the one asked for; the message says how to add it."""


class SpeechEngineFailed(ListenError):
    """The speech engine ran but failed, or gave audio in another shape than asked."""


class UnsupportedAudioFormat(ListenError):
    """An output file whose suffix names no audio format sayso writes."""


class NoAudioConverter(ListenError):
    """A compressed format was asked for and no program that writes it is on PATH; checked
    before anything is synthesized."""


class ConversionFailed(ListenError):
    """The audio converter (ffmpeg, lame, opusenc) exited with an error."""
