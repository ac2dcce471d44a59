"""Bytes to text: refuse binary files and invalid UTF-8 with a message that says the fix."""

from __future__ import annotations

from sayso.errors import BadEncoding

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes, source: str, *, offset: int = 0) -> str:
    """``data`` decoded as UTF-8, without a leading byte-order mark.

    ``offset`` is where ``data`` starts in its file, so that an error names the byte
    of the file and not of the chunk. Raises :class:`BadEncoding` for binary data
    (NUL bytes) and for invalid UTF-8.
    """
    if data.startswith(UTF16_BOMS):
        raise BadEncoding(source, "UTF-16 text; convert it to UTF-8 (e.g. iconv -f UTF-16)")
    if b"\x00" in data:
        raise BadEncoding(source, "binary file, not text")
    skipped = len(BOM) if data.startswith(BOM) else 0
    try:
        return data[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        at = offset + skipped + error.start
        raise BadEncoding(
            source,
            f"not valid UTF-8 at byte {at}; convert it to UTF-8 "
            "(e.g. iconv -f WINDOWS-1252 -t UTF-8)",
        ) from None


def normalise_newlines(text: str) -> str:
    """Windows (``\\r\\n``) and old Mac (``\\r``) line ends as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def size_in_words(size: int) -> str:
    """A byte count as a person reads it (1 MB = 10**6 bytes).

    >>> size_in_words(50 * 1024 * 1024), size_in_words(20 * 1024 * 1024), size_in_words(900)
    ('52.4 MB', '21 MB', '900 bytes')
    """
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"
