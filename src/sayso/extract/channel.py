"""Through which channel a statement was made, and which outlet relayed it.

Reads the *frame* of a cue (the text around it that is not the reported content):

>>> find_channel("Palamar said Thursday in a Telegram post translated by a Ukrainian news outlet")
('Telegram post', None)
>>> find_channel("he said according to Interfax")
(None, 'Interfax')
>>> find_channel("she said in an interview with The New York Times")
('interview', 'The New York Times')

Decisions:

- The channel is a short noun phrase without its determiner or throwaway adjectives:
  "in a brief statement" -> "statement", "in his nightly video address" -> "nightly video
  address", "in a post on X" -> "post on X", "on Twitter" -> "Twitter", "tweeted" -> "tweet".
- Speaking to an audience gives "remarks to <audience>": "told Russian reporters" ->
  "remarks to Russian reporters", "speaking to journalists" -> "remarks to journalists";
  "told a news conference" -> "news conference".
- relayed_by is only ever a *named* outlet: a capitalised name that is a known outlet or
  looks like one (an acronym such as "BBC", or ends in a word such as "News", "Times",
  "Agency"). So "told the BBC" -> "BBC" but "told Zelenskyy" -> nothing, and unnamed carriers
  ("translated by a Ukrainian news outlet", "according to state media") give None: a name
  nobody can filter by is not worth a field. A lowercase "the" is dropped ("the BBC" -> "BBC"),
  a capitalised one kept ("The New York Times").
- "told <outlet>" gives the outlet but no channel (an interview or a one-line comment?).
- Conservative: when nothing matches, ``(None, None)``; when several do, the earliest wins.
"""

from __future__ import annotations

import re

__all__ = ["find_channel"]

# Nouns that name a medium of a statement; "in a <modifiers> <noun>" is a channel.
CHANNEL_NOUNS = (
    "press release", "news release", "blog post", "text message", "voice message",
    "op-ed", "statement", "post", "tweet", "interview", "address", "speech", "letter",
    "video", "message", "email", "e-mail", "column", "essay", "briefing", "broadcast",
    "podcast", "communique", "memo", "note", "comments", "remarks", "announcement",
    "livestream", "appeal", "report", "filing", "testimony", "thread", "newsletter",
)  # fmt: skip

# Gatherings at which a statement is made: "at a press conference".
EVENT_NOUNS = (
    "press conference", "news conference", "press briefing", "news briefing", "briefing",
    "rally", "summit", "hearing", "meeting", "forum", "session", "ceremony", "vigil",
    "town hall", "public meeting", "event",
)  # fmt: skip

# Platforms named after "on": "wrote on X", "said on state television".
PLATFORMS = (
    "Twitter", "X", "Telegram", "Facebook", "Instagram", "TikTok", "YouTube", "Truth Social",
    "LinkedIn", "Threads", "Bluesky", "Weibo", "VKontakte", "VK", "WhatsApp", "Signal",
    "Reddit", "Mastodon",
)  # fmt: skip

# Audiences that turn "told ..." into "remarks to ...".
AUDIENCE_NOUNS = (
    "reporters", "journalists", "press", "media", "lawmakers", "legislators",
    "parliament", "supporters", "residents", "workers", "students", "crowd", "crowds",
    "audience", "council", "councillors", "council members", "senators", "deputies",
    "delegates", "villagers", "families", "protesters",
)  # fmt: skip

# Adjectives that say nothing about the medium and are dropped from a channel.
THROWAWAY_ADJECTIVES = frozenset(
    "brief short lengthy long rare separate new recent later earlier subsequent exclusive "
    "latest first second third final".split()
)

# Outlets and agencies that do not look like outlets by their name alone.
KNOWN_OUTLETS = frozenset(
    {
        "Reuters", "Interfax", "Bloomberg", "Politico", "Axios", "Ukrinform", "Kommersant",
        "Izvestia", "Vedomosti", "Meduza", "Xinhua", "Yonhap", "Kyodo", "Anadolu",
        "Al Jazeera", "Euronews", "Le Monde", "Der Spiegel", "Bild", "El País", "Haaretz",
        "Ukrainska Pravda", "RIA Novosti", "Fox News", "Sky News", "Deutsche Welle",
        "Agence France-Presse", "The Associated Press", "Associated Press", "The Guardian",
        "Guardian", "Channel One", "Rossiya", "Russia Today", "Vesti",
    }
)  # fmt: skip

# Last words that mark a name as an outlet: "Kyiv Independent", "Vessna News Agency".
OUTLET_HEAD_WORDS = frozenset(
    "News Times Post Journal Herald Press Agency Radio TV Television Daily Gazette Tribune "
    "Telegraph Independent Chronicle Broadcasting Network Channel Wire Mail Monitor Observer "
    "Courier Review Today Pravda Digital Service Media Magazine Weekly Express Mirror Sun "
    "Star Standard Bulletin Dispatch Record Reporter Insider Online Inquirer Globe".split()
)

# An acronym outlet: "BBC", "CNN", "AFP", "TASS", "RIA"; two to six capitals.
_ACRONYM = re.compile(r"[A-Z]{2,6}")

_DETERMINER = r"(?:an?|the|his|her|its|their|our|one|another)"
# A word that may stand before the channel noun: not a function word ("in a bid to post").
_MODIFIER = (
    r"(?:(?!(?:to|of|for|that|which|and|or|with|on|in|at|by|from|the|an?|was|is|he|she|it)\b)"
    r"[\w'’-]+\s+)"
)
_PLATFORM = "|".join(re.escape(p) for p in sorted(PLATFORMS, key=len, reverse=True))
_PLATFORM_ON = (
    rf"(?P<platform>(?:{_PLATFORM})(?![\w-])"
    r"|(?i:(?:(?:state|national|local|public|russian|ukrainian)\s+)?(?:television|tv|radio))\b"
    r"|(?i:(?:his|her|its|their|the\s+\w+['’]s)\s+website)\b)"
)
# A named outlet: capitalised words ("Fox News Digital", "The New York Times").
_NAME = r"(?:The\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w&.'’-]*){0,5}"
_AUDIENCE = "|".join(re.escape(a) for a in sorted(AUDIENCE_NOUNS, key=len, reverse=True))


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


# "in a Telegram post", "according to a statement", "in comments to", "in an interview with
# CNN", optionally "posted on Telegram" after it; the modifiers are greedy so that "video
# address" is not cut at "video"
_IN_A_CHANNEL = re.compile(
    rf"\b(?i:in|via|through|according\s+to)\s+(?:(?i:{_DETERMINER})\s+)?"
    rf"(?P<channel>{_MODIFIER}{{0,3}}(?i:{_alternation(CHANNEL_NOUNS)}))(?![\w-])"
    rf"(?:\s+(?i:posted\s+|published\s+)?(?i:on)\s+{_PLATFORM_ON})?"
)
# "at a press conference", "speaking at a news briefing in Kyiv"
_AT_AN_EVENT = re.compile(
    rf"\b(?i:at|told|during)\s+(?i:{_DETERMINER})\s+"
    rf"(?P<channel>{_MODIFIER}{{0,2}}(?i:{_alternation(EVENT_NOUNS)}))(?![\w-])"
)
# "on Twitter", "wrote on X", "said on state television", "posted on its website"
_ON_A_PLATFORM = re.compile(rf"\b(?i:on)\s+{_PLATFORM_ON}")
# "tweeted": the verb names its medium
_TWEETED = re.compile(r"\b(?i:tweeted|retweeted)\b")
# "told Russian reporters", "speaking to journalists", "told the press"
_TOLD_AUDIENCE = re.compile(
    rf"\b(?i:told|telling|speaking\s+to|speaking\s+with|talking\s+to)\s+"
    rf"(?P<audience>(?:(?i:the|an?)\s+)?(?:[A-Z][\w-]*\s+|(?i:local|foreign|state)\s+)?(?i:{_AUDIENCE}))(?![\w-])"
)

# "according to Interfax", "told the BBC", "in an interview with The New York Times",
# "quoted by TASS", "speaking to Sky News", "via Reuters"
_RELAY_BEFORE_NAME = re.compile(
    r"\b(?i:according\s+to|told|telling|speaking\s+to|speaking\s+with|talking\s+to"
    r"|interview\s+with|comments\s+to|remarks\s+to|quoted\s+by|cited\s+by|reported\s+by"
    r"|carried\s+by|published\s+by|via|interview\s+on)\s+"
    rf"(?:the\s+)?(?P<outlet>{_NAME})"
)
# "Reuters reported", "TASS quoted him as saying", "The Vessna Herald reports"
_RELAY_AFTER_NAME = re.compile(
    rf"\b(?P<outlet>{_NAME})\s+(?i:reported|reports|quoted|cited|said\s+in\s+a\s+report)\b"
)


def _is_outlet(name: str) -> bool:
    """Whether a capitalised name is an outlet rather than a person or an office."""
    bare = name.removeprefix("The ")
    last_word = name.split()[-1]
    return (
        name in KNOWN_OUTLETS
        or bare in KNOWN_OUTLETS
        or bool(_ACRONYM.fullmatch(last_word))
        or last_word in OUTLET_HEAD_WORDS
    )


def _clean_channel(phrase: str) -> str:
    """ "brief Telegram post" -> "Telegram post": whitespace folded, throwaway words dropped."""
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in THROWAWAY_ADJECTIVES:
        words = words[1:]
    return " ".join(words)


def _channel_candidates(frame: str) -> list[tuple[int, str]]:
    """Every channel the frame names, with where it starts."""
    found = []
    for match in _IN_A_CHANNEL.finditer(frame):
        channel = _clean_channel(match["channel"])
        if match["platform"]:
            channel = f"{channel} on {_platform_name(match['platform'])}"
        found.append((match.start(), channel))
    for match in _AT_AN_EVENT.finditer(frame):
        found.append((match.start(), _clean_channel(match["channel"])))
    for match in _ON_A_PLATFORM.finditer(frame):
        found.append((match.start(), _platform_name(match["platform"])))
    for match in _TWEETED.finditer(frame):
        found.append((match.start(), "tweet"))
    for match in _TOLD_AUDIENCE.finditer(frame):
        found.append((match.start(), f"remarks to {_clean_channel(match['audience'])}"))
    return found


def _platform_name(platform: str) -> str:
    """ "its website" -> "website"; "state television" stays as written."""
    words = platform.split()
    if words[-1].lower() == "website":
        return "website"
    return " ".join(words)


def _outlet_within(name: str, at_start: bool) -> str | None:
    """The longest outlet at the start (or end) of a run of capitalised words.

    "CNN Thursday" -> "CNN" (at the start); "Thursday Reuters" -> "Reuters" (at the end).
    """
    words = name.split()
    for size in range(len(words), 0, -1):
        part = " ".join(words[:size] if at_start else words[-size:])
        if _is_outlet(part):
            return part
    return None


def _relay_candidates(frame: str) -> list[tuple[int, str]]:
    """Every named outlet the frame says the statement came through, with where it starts."""
    found = []
    for pattern, at_start in ((_RELAY_BEFORE_NAME, True), (_RELAY_AFTER_NAME, False)):
        for match in pattern.finditer(frame):
            outlet = _outlet_within(_trim_name(match["outlet"]), at_start)
            if outlet:
                found.append((match.start("outlet"), outlet))
    return found


def _trim_name(name: str) -> str:
    """Drop a sentence-final period and a trailing possessive from a captured name."""
    return re.sub(r"(?:['’]s)?\.?$", "", name.strip())


def _earliest(candidates: list[tuple[int, str]]) -> str | None:
    return min(candidates)[1] if candidates else None


def find_channel(frame: str) -> tuple[str | None, str | None]:
    """``(channel, relayed_by)`` named in a cue's frame; ``(None, None)`` when neither is.

    >>> find_channel("Kremlin spokesman Dmitry Peskov told Russian reporters")
    ('remarks to Russian reporters', None)
    """
    return _earliest(_channel_candidates(frame)), _earliest(_relay_candidates(frame))
