"""Paths, folders and standard input; every kind of bad input and a batch that goes on."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from sayso.errors import (
    BadEncoding,
    EmptyArticle,
    InputError,
    InputTooLarge,
    NotEnglish,
    UnreadableInput,
)
from sayso.ingest import DEFAULT_MAX_BYTES, read_inputs
from sayso.model import Article

STORY = "Kyiv said the plant still held. Moscow denied it."

FRENCH = (
    "La bataille pour l'usine sidérurgique d'Azovstal à Marioupol continue de faire rage "
    "jeudi, alors que les forces russes cherchent à prendre l'un des derniers bastions de la "
    "résistance ukrainienne. Le commandant adjoint a déclaré que les soldats russes étaient "
    "entrés sur le territoire de l'usine depuis trois jours, mais le Kremlin a démenti."
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def paths_of(items: list[Article | InputError]) -> list[str | None]:
    return [item.path if isinstance(item, Article) else item.source for item in items]


def test_folder_is_walked_recursively_in_name_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", STORY)
    write(tmp_path / "a" / "z.txt", STORY)
    write(tmp_path / "a" / "m" / "x.txt", STORY)
    write(tmp_path / "c" / "story.html", f"<html><body><article><p>{STORY}</p></article></body>")
    write(tmp_path / "d.jsonl", '{"text": "Kyiv said so."}\n')
    write(tmp_path / "e.csv", "text\nMoscow said so.\n")
    write(tmp_path / "f.ndjson", '{"text": "London said so."}\n')
    write(tmp_path / "notes.md", STORY)
    write(tmp_path / "image.png", "not an image")
    write(tmp_path / ".hidden.txt", STORY)
    write(tmp_path / ".git" / "x.txt", STORY)
    items = list(read_inputs([tmp_path]))
    assert all(isinstance(item, Article) for item in items)
    assert paths_of(items) == [
        str(tmp_path / "a" / "m" / "x.txt"),
        str(tmp_path / "a" / "z.txt"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "c" / "story.html"),
        f"{tmp_path / 'd.jsonl'}:1",
        f"{tmp_path / 'e.csv'}:2",
        f"{tmp_path / 'f.ndjson'}:1",
    ]


def test_inputs_keep_the_order_given(tmp_path: Path) -> None:
    first, second = write(tmp_path / "z.txt", STORY), write(tmp_path / "a.txt", STORY)
    assert paths_of(list(read_inputs([first, str(second)]))) == [str(first), str(second)]


def test_folder_without_article_files(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", STORY)
    [error] = list(read_inputs([tmp_path]))
    assert isinstance(error, UnreadableInput)
    assert str(error) == (
        f"{tmp_path}: folder has no article files (.csv .htm .html .jsonl .ndjson .parquet .txt"
        " .warc; corpora also .gz .zst, .warc also .gz)"
    )


def test_stdin_text() -> None:
    [article] = list(read_inputs(["-"], stdin=io.StringIO(f"date 2022-05-05\n{STORY}\n")))
    assert isinstance(article, Article)
    assert article.text == STORY
    assert article.path == "<stdin>"
    assert str(article.published) == "2022-05-05"


def test_stdin_html() -> None:
    html = f"<html><body><article><p>{STORY}</p></article></body></html>"
    [article] = list(read_inputs(["-"], stdin=io.StringIO(html)))
    assert isinstance(article, Article)
    assert article.text == STORY


def test_stdin_bytes_are_checked_like_files() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"caf\xe9 " + STORY.encode()), encoding="utf-8")
    [error] = list(read_inputs(["-"], stdin=stream))
    assert isinstance(error, BadEncoding)
    assert str(error).startswith("<stdin>: not valid UTF-8 at byte 3;")


def test_stdin_too_large() -> None:
    [error] = list(read_inputs(["-"], stdin=io.StringIO(STORY * 10), max_bytes=100))
    assert isinstance(error, InputTooLarge)
    assert str(error) == "<stdin>: standard input is over the 100 bytes limit"


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(STORY))
    [article] = list(read_inputs(["-"]))
    assert isinstance(article, Article)
    assert article.text == STORY


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    [error] = list(read_inputs([missing]))
    assert isinstance(error, UnreadableInput)
    assert str(error) == f"{missing}: no such file or directory"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", STORY)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    [error] = list(read_inputs([path]))
    assert isinstance(error, UnreadableInput)
    assert str(error) == f"{path}: permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", STORY)
    path.chmod(0)
    [error] = list(read_inputs([path]))
    assert str(error) == f"{path}: permission denied"


@pytest.mark.parametrize(
    "content",
    ["", "   \n\t\n", "\ufeff", "date 2022-05-05\n", "Advertisement\n\nRead the rest here.\n"],
)
def test_empty_article(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "empty.txt", content)
    [error] = list(read_inputs([path]))
    assert isinstance(error, EmptyArticle)
    assert str(error) == f"{path}: empty article: no story text"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [error] = list(read_inputs([path]))
    assert isinstance(error, BadEncoding)
    assert str(error) == f"{path}: binary file, not text"


def test_invalid_utf8_names_the_byte_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Kyiv said the café was shelled.".encode("latin-1"))
    [error] = list(read_inputs([path]))
    assert isinstance(error, BadEncoding)
    assert str(error) == (
        f"{path}: not valid UTF-8 at byte 17; convert it to UTF-8 "
        "(e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfab\xff")
    [error] = list(read_inputs([path]))
    assert "at byte 5;" in str(error)


def test_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert article.text == STORY


def test_windows_newlines(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(b"date 2022-05-05\r\n\r\nOne.\r\n\r\nTwo.\r\n")
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert article.text == "One.\n\nTwo."


def test_large_file_is_rejected_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)

    def must_not_read(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", must_not_read)
    monkeypatch.setattr(Path, "open", must_not_read)
    [error] = list(read_inputs([path]))
    assert isinstance(error, InputTooLarge)
    assert str(error) == f"{path}: file is 52.4 MB, over the 21 MB limit"
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_max_bytes_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", STORY)
    [error] = list(read_inputs([path], max_bytes=10))
    assert str(error) == f"{path}: file is 49 bytes, over the 10 bytes limit"


def test_not_english(tmp_path: Path) -> None:
    path = write(tmp_path / "fr.txt", FRENCH)
    [error] = list(read_inputs([path]))
    assert isinstance(error, NotEnglish)
    assert error.skipped
    assert str(error) == f"{path}: not English (detected 'fr'); skipped"


def test_batch_goes_on_past_bad_inputs(tmp_path: Path) -> None:
    good_one = write(tmp_path / "1-good.txt", STORY)
    binary = tmp_path / "2-binary.txt"
    binary.write_bytes(b"\x00\x01\x02")
    empty = write(tmp_path / "3-empty.txt", "")
    french = write(tmp_path / "4-french.txt", FRENCH)
    corpus = write(tmp_path / "5-corpus.jsonl", f'not json\n{{"text": "{STORY}"}}\n')
    good_two = write(tmp_path / "6-good.txt", "Moscow said the opposite.")
    missing = tmp_path / "0-missing.txt"
    items = list(read_inputs([missing, tmp_path]))
    assert [type(item).__name__ for item in items] == [
        "UnreadableInput",
        "Article",
        "BadEncoding",
        "EmptyArticle",
        "NotEnglish",
        "MalformedRecord",
        "Article",
        "Article",
    ]
    assert paths_of(items) == [
        str(missing),
        str(good_one),
        str(binary),
        str(empty),
        str(french),
        str(corpus),
        f"{corpus}:2",
        str(good_two),
    ]
    assert all("\n" not in str(item) for item in items if isinstance(item, InputError))


@pytest.mark.parametrize("name", ["empty.html", "empty.htm", "empty.page"])
def test_empty_html_file_is_an_empty_article(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, " \n")
    [error] = list(read_inputs([path]))
    assert isinstance(error, EmptyArticle)


def test_utf16_file_says_how_to_convert(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(STORY.encode("utf-16"))
    [error] = list(read_inputs([path]))
    assert isinstance(error, BadEncoding)
    assert str(error) == f"{path}: UTF-16 text; convert it to UTF-8 (e.g. iconv -f UTF-16)"


def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    [error] = list(read_inputs([pipe]))
    assert isinstance(error, UnreadableInput)
    assert str(error) == f"{pipe}: not a regular file"
