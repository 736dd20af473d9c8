"""Personal names in news text: where a name starts after its titles, and the full name a
surname, "Title Surname" or @handle stands for.

The index makes one cheap pass over the text (runs of two or more capitalised words) and takes a
run apart only when a speaker's surname occurs in it, so resolving the ten or twenty speakers of
an article costs little more than the pass itself.
"""

from __future__ import annotations

import re

from webapp.analysis import sourcing_lexicon as lex

_RUN_RE = re.compile(r"[A-Z][\w’'.-]*(?:[ \u00a0](?:(?:%s)[- ])?[A-Z@][\w’'.-]*)+"
                     % "|".join(lex.NAME_PARTICLES))
ABBREVIATIONS = frozenset(a + "." for a in lex.TITLE_ABBREVIATIONS) | frozenset(lex.NAME_SUFFIXES)
_PARTICLES = frozenset(lex.NAME_PARTICLES)
_TITLES = frozenset(lex.TITLE_WORDS)
_SUFFIXES = frozenset(lex.NAME_SUFFIXES)
COMMON = frozenset(lex.ANONYMOUS_HEADS) | set(lex.TYPE_OF) | {"the", "a", "an", "he", "she", "they"}
_ROLE_MODIFIERS = frozenset(["national", "security", "press", "senior", "deputy", "former", "acting", "top", "chief", "foreign", "defense", "defence", "interior", "health", "state", "police", "army", "military", "policy", "communications", "regional", "local"])


def is_title(token: str) -> bool:
    """A title, rank or organisation word, or an acronym ("Maj.", "Minister", "US", "Committee")."""
    if token.startswith("@"):
        return False
    letters = token.replace(".", "")
    return token.lower() in _TITLES or (len(letters) > 1 and letters.isupper())


def name_start(text: str, start: int) -> int | None:
    """Where the person's name begins inside a run of capitalised words (after titles), or None."""
    cut, pos = None, 0
    for token in text.replace("\u00a0", " ").split(" "):
        if is_title(token.rstrip(",")) and token not in _SUFFIXES:
            cut = pos + len(token) + 1
        pos += len(token) + 1
    if cut is None:
        return start
    return start + cut if cut < len(text) else None


def strip_determiner(phrase: str) -> str:
    """``phrase`` without a leading "the", "a" or "an"."""
    low = phrase[:4].lower()
    for article in ("the ", "an ", "a "):
        if low.startswith(article):
            return phrase[len(article) :].lstrip()
    return phrase


def _is_name_token(token: str) -> bool:
    """A word that can be part of a name: capitalised, an initial or title abbreviation, a handle,
    or a particle joined by a hyphen ("al-Araji")."""
    if not token:
        return False
    if token[0] == "@":
        return len(token) > 1
    if not token[0].isupper():
        particle, _, rest = token.partition("-")
        return particle in _PARTICLES and rest[:1].isupper()
    if token.endswith("."):
        return is_abbreviation(token)
    return token.replace("-", "").replace("’", "").replace("'", "").isalnum()


def trailing_run(core: str) -> int | None:
    """Where the run of name words that ends the phrase begins ("... Maj. Gen. John W. Brennan Jr.")."""
    tokens = core.split(" ")
    i = len(tokens)
    while i > 0 and (_is_name_token(tokens[i - 1]) or (
            tokens[i - 1] in _PARTICLES and i < len(tokens) and i > 1 and _is_name_token(tokens[i - 2]))):
        i -= 1
    if i == len(tokens):
        return None
    return len(" ".join(tokens[:i])) + (1 if i else 0)


class NameIndex:
    """Full names the text gives, found on demand: a surname, "Title Surname" or @handle resolves
    to the first run of capitalised words ending in that surname ("Araji" -> "Qasim al-Araji").

    One cheap pass collects the runs of two or more capitalised words; a run is only taken apart
    (titles stripped, sentence ends split off) when a speaker's surname occurs in it.
    """

    __slots__ = ("cache", "roles", "run_names", "runs", "speakers", "text")  # caches live per text

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs = [(m.start(), m.group()) for m in _RUN_RE.finditer(text)]
        self.cache: dict[str, str | None] = {}
        self.roles: dict[str, str | None] = {}
        self.speakers: dict[tuple, tuple] = {}  # speakers by phrase words, see speakers.make_speaker
        self.run_names: dict[int, list[tuple[str, str]]] = {}  # run start -> [(full name, key)]

    def _full_names(self, start: int, run: str) -> list[tuple[str, str]]:
        """(full name, surname key) for each person's name of two or more words inside one run."""
        found = self.run_names.get(start)
        if found is None:
            found = self.run_names[start] = [
                (full, _key_of(full)) for offset, tokens in _segments(run)
                for full in (run[offset + at : offset + end] for at, end in _names_in(tokens))]
        return found

    def _find(self, key: str, needle: str) -> str | None:
        if key not in self.cache:
            self.cache[key] = next((full for start, run in self.runs if needle in run
                                    for full, found in self._full_names(start, run) if found == key), None)
        return self.cache[key]

    def resolve(self, name: str) -> str:
        """The full name for a surname, "Title Surname" or @handle the text gives in full."""
        tokens = [t for t in name.split() if t.rstrip(",") not in _SUFFIXES]
        if not tokens:
            return name
        last = tokens[-1]
        if last.startswith("@"):  # "@JoeBiden" -> "Joe Biden"
            handle = last[1:].lower()
            return next((full for start, run in self.runs for full, _ in self._full_names(start, run)
                         if re.sub(r"\W", "", full).lower() == handle), name)
        needle = last[3:] if last[:3].lower() in ("al-", "el-") else last
        found = self._find(_keys(last)[0], needle)
        if found and (len(tokens) == 1 or _bare(found).endswith(" ".join(tokens))):
            return found
        return name

    def role_of(self, full: str) -> str | None:
        """The title written before the first mention of ``full`` ("Iraqi national security adviser")."""
        if full not in self.roles:
            at = self.text.find(full)
            self.roles[full] = title_before(self.text, at) if at >= 0 else None
        return self.roles[full]


def _segments(run: str):
    """Split a run where a sentence ends inside it ("Iraq. He") or a possessive ends a name."""
    tokens: list[tuple[int, str]] = []
    offset = pos = 0
    for token in run.replace("\u00a0", " ").split(" "):
        here = pos
        pos += len(token) + 1
        possessive = token.endswith(("’s", "'s"))
        sentence_end = token.endswith(".") and not is_abbreviation(token)
        word = token[:-2] if possessive else token[:-1] if sentence_end else token
        if not tokens:
            offset = here
        tokens.append((here - offset, word))
        if possessive or sentence_end:
            yield offset, tokens
            tokens = []
    if tokens:
        yield offset, tokens


def _names_in(tokens: list[tuple[int, str]]):
    """(start, end) of the person's name after the last title in a segment, when two words or more."""
    cut = max((i for i, (_, t) in enumerate(tokens) if is_title(t) and t not in _SUFFIXES), default=-1)
    names = [t for _, t in tokens[cut + 1 :] if t not in _SUFFIXES]
    if len(names) >= 2 and names[-1].lower() not in COMMON:
        yield tokens[cut + 1][0], tokens[-1][0] + len(tokens[-1][1])


def is_abbreviation(token: str) -> bool:
    """An initial, a title abbreviation, a suffix or an acronym: a period that ends no sentence."""
    letters = token.replace(".", "")
    return token in ABBREVIATIONS or len(letters) == 1 or (len(letters) > 1 and letters.isupper())


def _bare(name: str) -> str:
    return " ".join(t for t in name.split() if t.rstrip(",") not in _SUFFIXES)


def _key_of(full: str) -> str:
    return _keys(_bare(full).split()[-1])[0]


def _keys(token: str) -> list[str]:
    low = token.lower()
    bare = low[3:] if low.startswith(("al-", "el-")) else low
    return [bare, low] if bare != low else [low]


def title_before(text: str, at: int) -> str | None:
    """Role words directly before a name: capitalised words, role nouns and their modifiers."""
    start = at
    for _ in range(8):
        if start < 2 or text[start - 1] != " " or text[start - 2].isspace():
            break  # only single spaces between the words of a title, within one line
        begin = max(text.rfind(" ", 0, start - 1), text.rfind("\n", 0, start - 1)) + 1
        word = text[begin : start - 1]
        low = word.lower()
        if not word or word[-1] in ",;:()—–" or (word[-1] == "." and not is_title(word)):
            break
        if not (word[0].isupper() or low in lex.TYPE_OF or low in _ROLE_MODIFIERS or low in _TITLES):
            break
        start = begin
    role = text[start:at].strip()
    return role if role and lex.type_words(role) else None
