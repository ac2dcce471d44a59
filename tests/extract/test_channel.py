"""Channels and relays: the medium of a statement and the outlet it came through."""

import pytest

from sayso.extract.channel import find_channel

CASES = [
    # the azovstal golden article (shared/examples/azovstal/expected.json)
    (
        "Deputy Commander of Azov regiment Sviatoslav Palamar said Thursday in a Telegram post "
        "translated by a Ukrainian news outlet",
        "Telegram post",
        None,
    ),
    ("he said according to Interfax", None, "Interfax"),
    (
        "Kremlin spokesman Dmitry Peskov told Russian reporters",
        "remarks to Russian reporters",
        None,
    ),
    ("Defense Minister Sergey Shoigu on Wednesday reportedly claimed", None, None),
    ("Last month Russian President Vladimir Putin declared", None, None),
    # written channels
    ("the ministry said in a statement", "statement", None),
    ("she said in a brief statement posted on Telegram", "statement on Telegram", None),
    ("the company said in a statement on its website", "statement on website", None),
    ("the union wrote in a joint statement", "joint statement", None),
    ("he wrote in a letter to the minister", "letter", None),
    ("according to a statement", "statement", None),
    ("in a Facebook post", "Facebook post", None),
    ("in a post on X", "post on X", None),
    ("in a tweet", "tweet", None),
    ("the mayor tweeted", "tweet", None),
    ("said on Twitter", "Twitter", None),
    ("wrote on X", "X", None),
    ("posted on Telegram", "Telegram", None),
    # spoken channels
    ("Zelenskyy said in a video address", "video address", None),
    ("in his nightly video address", "nightly video address", None),
    ("the president said in a televised address", "televised address", None),
    ("said on state television", "state television", None),
    ("said at a press conference in Kyiv", "press conference", None),
    ("told a news conference", "news conference", None),
    ("told reporters", "remarks to reporters", None),
    ("speaking to journalists", "remarks to journalists", None),
    ("told the press", "remarks to the press", None),
    ("told a crowd of supporters", "remarks to a crowd", None),
    # relays
    ("she said in an interview with CNN", "interview", "CNN"),
    ("she said in an interview with The New York Times", "interview", "The New York Times"),
    ("said in comments to the Kyiv Independent.", "comments", "Kyiv Independent"),
    ("told the BBC", None, "BBC"),
    ("told CNN on Thursday", None, "CNN"),
    ("Reuters reported", None, "Reuters"),
    ("the Sunday Times reported", None, "Sunday Times"),
    ("speaking to Sky News", None, "Sky News"),
    ("quoted by TASS", None, "TASS"),
    ("according to the Vessna News Agency", None, "Vessna News Agency"),
    # unnamed carriers and people are not relays
    ("translated by a Ukrainian news outlet", None, None),
    ("according to state media", None, None),
    ("according to the ministry", None, None),
    ("told Zelenskyy", None, None),
    # phrases that only look like channels
    ("in Mariupol, the commander said", None, None),
    ("in a bid to post bail", None, None),
    ("in an effort to calm residents, the mayor said", None, None),
    ("the spokesman said", None, None),
    ("", None, None),
]


@pytest.mark.parametrize(("frame", "channel", "relayed_by"), CASES)
def test_find_channel(frame: str, channel: str | None, relayed_by: str | None) -> None:
    assert find_channel(frame) == (channel, relayed_by)


def test_earliest_channel_wins() -> None:
    assert find_channel("said at a briefing, repeating in a statement") == ("briefing", None)
