"""Word lists for the sourcing analysis, kept as data so a teacher can extend them without code.

Every list is lowercase unless it says otherwise. The two helpers at the end turn lists into
fast lookups: :func:`type_words` finds lexicon entries in a phrase, :func:`trie_pattern` compiles
a list into one regular expression (the analysis modules do that once, at import).
"""

from __future__ import annotations

import re

# Reporting verbs as written (past, present, participle). The value is what ``verb`` reports.
# Verbs in THAT_ONLY count only when "that" follows ("agreed that ..."), because without it they
# usually report an action, not speech ("vowed to fight", "pledged support").
REPORTING_VERBS = ["said", "says", "say", "saying", "told", "tells", "tell", "wrote", "writes", "replied", "replies", "answered", "warned", "warns", "warning", "cautioned", "cautions", "stated", "states", "explained", "explains", "added", "adds", "adding", "noted", "notes", "noting", "announced", "announces", "announcing", "argued", "argues", "believes", "believed", "claimed", "claims", "insisted", "insists", "stressed", "stresses", "emphasized", "emphasised", "emphasizes", "emphasises", "acknowledged", "acknowledges", "admitted", "asserted", "contended", "declared", "suggested", "suggests", "predicted", "predicts", "reported", "reports", "recalled", "confirmed", "confirms", "denied", "denies", "tweeted", "urged", "threatened", "testified", "concluded", "observed", "remarked", "countered", "responded", "conceded", "complained", "objected", "reiterated"]
THAT_ONLY = ["vowed", "pledged", "promised", "agreed", "maintained", "estimated", "indicated", "signaled", "signalled"]

# Words that, directly before a verb, show it is not a report by a subject: infinitives, modals,
# passives and nouns ("to say", "would say", "was told", "the claims").
NOT_BEFORE_VERB = ["to", "would", "could", "will", "may", "might", "should", "must", "can", "cannot", "not", "n't", "was", "were", "is", "are", "be", "been", "being", "the", "a", "an", "his", "her", "their", "its", "our", "these", "those", "this", "no", "any"]

# Adverbs and time words that sit between a speaker and the verb ("Taleblu further warned",
# "the committee on Friday threatened", "@JoeBiden has announced").
BETWEEN_SPEAKER_AND_VERB = ["further", "also", "later", "then", "again", "previously", "earlier", "repeatedly", "recently", "once", "separately", "publicly", "privately", "has", "have", "had", "always", "often", "already", "reportedly", "just", "now", "first", "long", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "last", "this", "week", "month", "year", "night", "yesterday", "today", "tonight", "hours", "days", "late"]

# Words that start what follows a verb when the report came before it ("..., Biden announced
# Monday during a meeting"), as opposed to a reported clause ("said the coalition would ...").
AFTER_VERB_NOT_CLAUSE = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "on", "in", "at", "during", "after", "before", "while", "as", "when", "yesterday", "today", "tonight", "late", "earlier", "later", "last", "this", "reporters", "journalists"]

# Capitalised words that are titles, ranks or parts of organisation names: a person's name is
# what follows the last of them ("US Army Colonel Wayne Marotto" -> "Wayne Marotto").
TITLE_WORDS = ["president", "vice", "prime", "minister", "secretary", "defense", "defence", "foreign", "interior", "state", "states", "united", "general", "gen.", "maj.", "major", "col.", "colonel", "lt.", "lieutenant", "sgt.", "sergeant", "capt.", "captain", "adm.", "admiral", "commander", "chief", "senator", "sen.", "rep.", "representative", "gov.", "governor", "mayor", "dr.", "mr.", "mrs.", "ms.", "prof.", "professor", "judge", "justice", "king", "queen", "prince", "princess", "pope", "sheikh", "ayatollah", "ambassador", "spokesman", "spokeswoman", "press", "chairman", "chairwoman", "director", "deputy", "speaker", "army", "navy", "air", "force", "forces", "marine", "marines", "corps", "command", "council", "committee", "house", "office", "department", "ministry", "nations", "kingdom", "institute", "foundation", "university", "college", "center", "centre", "service", "agency", "union", "republic", "coalition", "operation", "party", "group", "court", "bank", "company", "news", "times", "post", "journal", "network", "fund", "brig.", "cmdr.", "st.", "rev.", "sir", "lord", "lady", "premier", "chancellor", "emir", "crown", "superintendent", "commissioner", "sheriff", "detective", "officer", "inspector", "attorney", "chair", "chairperson", "councilmember", "councilor", "councillor", "bishop", "rabbi", "imam", "pastor", "coach", "trustee", "alderman", "delegate", "assemblyman", "assemblywoman", "congressman", "congresswoman", "envoy", "consul", "sultan", "dean", "provost"]
TITLE_ABBREVIATIONS = ["Maj", "Gen", "Col", "Lt", "Sgt", "Capt", "Adm", "Brig", "Cmdr", "Dr", "Mr", "Mrs", "Ms", "Prof", "Sen", "Rep", "Gov", "Rev", "St"]
NAME_PARTICLES = ["al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "du", "del", "della", "der", "la", "le", "abu"]
NAME_SUFFIXES = ["Jr.", "Sr.", "II", "III", "IV"]

# Heads of speaker phrases that never identify anyone ("a senior U.S. official", "sources").
ANONYMOUS_HEADS = ["official", "officials", "source", "sources", "observer", "observers", "people", "person", "aide", "aides", "insider", "insiders", "diplomat", "diplomats", "someone", "critics", "analysts", "experts", "residents", "witnesses", "employees", "staffers", "officers", "members", "activists"]
# Phrases that describe a speaker only to withhold who it is ("people familiar with the talks").
ANONYMITY_PHRASES = ("familiar with", "condition of anonymity", "not authorized to", "not authorised to",
                     "declined to be named", "asked not to be named", "requested anonymity")
PERSON_PRONOUNS = frozenset({"he", "she"})  # refer back to the last person quoted
UNRESOLVED_PRONOUNS = frozenset(["i", "we", "you", "they", "it", "this", "that", "who", "which", "there"])
# Appositives that add circumstance, not a role ("Biden, alongside the Iraqi leader, said").
NOT_A_ROLE_START = frozenset(["alongside", "with", "in", "at", "for", "on", "from", "during", "after", "before", "like", "as", "including", "flanked", "speaking", "standing", "asked", "and", "but", "or", "while", "which", "who", "that"])
RECIPIENTS = frozenset(["me", "us", "him", "her", "them", "you", "reporters", "journalists", "parents"])

# Source types from role and affiliation words (an underscore joins the words of one entry). The
# first type in TYPE_PRIORITY that a phrase hits wins: the most specific ("a pro-Iranian militia
# commander" is armed-group, not military; "US Army Colonel" and spokesman is military).
TYPE_PRIORITY = ("armed-group", "military", "expert", "government", "journalist", "document",
                 "person", "social-media", "unknown")
SOURCE_TYPE_WORDS = {
    "government": """president vice-president minister ministry secretary spokesman spokeswoman
        spokesperson adviser advisor white_house government administration council councillor
        councilman councilwoman mayor governor senator lawmaker lawmakers legislator congressman
        congresswoman parliament ambassador diplomat embassy state_department official officials
        country countries authorities premier chancellor cabinet prosecutor police board_member
        superintendent district press_secretary attorney_general secretary_general
        inspector_general national_security""",
    "military": """army navy air_force marines military colonel col. general gen. maj. major_general
        lt. lieutenant sergeant sgt. captain capt. commander admiral adm. troops soldier soldiers
        pentagon brigade battalion""",
    "expert": """fellow analyst analysts specialist specialists professor researcher researchers
        scholar institute foundation university think_tank economist expert experts scientist
        epidemiologist historian academic lecturer""",
    "armed-group": """militia militias armed_group rebel rebels insurgent insurgents militant
        militants jihadist jihadists guerrilla paramilitary resistance""",
    "journalist": """reporter reporters journalist journalists correspondent editor newspaper
        news_agency voa reuters afp associated_press ap bbc cnn al_jazeera outlet broadcaster""",
    "document": """statement statements report reports readout document documents memo letter
        filing study survey transcript communique release disclosure paper figures data records
        toll census""",
    "social-media": """tweet tweets tweeted twitter facebook instagram telegram tiktok social_media""",
    "person": """resident residents parent parents mother father son daughter worker workers
        student students owner owners teacher teachers nurse patient voter voters shopper driver
        farmer witness neighbor neighbour""",
}
# The same lists indexed: each entry (underscores back to spaces) -> its type.
TYPE_OF = {w.replace("_", " "): t for t, words in SOURCE_TYPE_WORDS.items() for w in words.split()}
_MULTIWORD = tuple(sorted((w for w in TYPE_OF if " " in w), key=len, reverse=True))
_MULTIWORD_FIRST = frozenset(w.split()[0] for w in _MULTIWORD)
_WORD_PUNCTUATION = ",;:()[]\"“”‘’'!?"

def type_words(phrase: str) -> list[str]:
    """The role and affiliation words of the type lexicon that occur in ``phrase`` as whole words.

    Entries of several words are found first and blanked out, so that "attorney general" is not
    also read as "general"; then each word is a set lookup.
    """
    low = phrase.lower()
    found = []
    words = low.split()
    if not _MULTIWORD_FIRST.isdisjoint(words):
        for entry in _MULTIWORD:
            at = low.find(entry)
            if at >= 0 and _whole(low, at, at + len(entry)):
                found.append(entry)
                low = low[:at] + " " * len(entry) + low[at + len(entry) :]
        words = low.split()
    for word in words:
        word = word.strip(_WORD_PUNCTUATION)
        if word in TYPE_OF or (word := word.rstrip(".")) in TYPE_OF:
            found.append(word)
    return found


def _whole(low: str, start: int, end: int) -> bool:
    return (start == 0 or not (low[start - 1].isalnum() or low[start - 1] == "-")) and (
        end == len(low) or not (low[end].isalnum() or low[end] == "-"))

# Document heads make a speaker phrase a document whatever else it contains ("A White House readout").
DOCUMENT_HEADS = frozenset(SOURCE_TYPE_WORDS["document"].split()) - {"data", "paper"}
SOCIAL_VERBS = frozenset({"tweeted", "posted"})

# News agencies: every spelling -> the one name reported in ``wire_credits``.
AGENCIES = {
    "Reuters": "Reuters", "Thomson Reuters": "Reuters", "Associated Press": "Associated Press",
    "AP": "Associated Press", "Agence France-Presse": "AFP", "Agence France Presse": "AFP",
    "AFP": "AFP", "Bloomberg": "Bloomberg", "dpa": "dpa", "Deutsche Presse-Agentur": "dpa",
    "EFE": "EFE", "ANSA": "ANSA", "Xinhua": "Xinhua", "TASS": "TASS", "Kyodo": "Kyodo",
    "Yonhap": "Yonhap", "UPI": "UPI", "United Press International": "UPI", "PA Media": "PA Media",
    "Press Association": "PA Media", "ANI": "ANI", "PTI": "PTI", "IANS": "IANS", "AAP": "AAP",
    "Anadolu Agency": "Anadolu", "Canadian Press": "Canadian Press", "Interfax": "Interfax",
}

# Countries speak through their governments ("Iraq said Thursday that ...").
COUNTRIES = frozenset(name.strip().lower() for name in ["\nAfghanistan", " Albania", " Algeria", " Argentina", " Armenia", " Australia", " Austria", " Azerbaijan", " Bahrain", "\nBangladesh", " Belarus", " Belgium", " Bolivia", " Bosnia", " Brazil", " Bulgaria", " Cambodia", " Cameroon", " Canada", "\nChile", " China", " Colombia", " Croatia", " Cuba", " Cyprus", " Czechia", " Denmark", " Ecuador", " Egypt", " Estonia", "\nEthiopia", " Finland", " France", " Georgia", " Germany", " Ghana", " Greece", " Hungary", " Iceland", " India", " Indonesia", "\nIran", " Iraq", " Ireland", " Israel", " Italy", " Japan", " Jordan", " Kazakhstan", " Kenya", " Kuwait", " Lebanon", " Libya", "\nLithuania", " Latvia", " Malaysia", " Mali", " Mexico", " Moldova", " Morocco", " Myanmar", " Nepal", " Netherlands", "\nNew Zealand", " Niger", " Nigeria", " North Korea", " Norway", " Oman", " Pakistan", " Palestine", " Peru", " Philippines", "\nPoland", " Portugal", " Qatar", " Romania", " Russia", " Rwanda", " Saudi Arabia", " Serbia", " Singapore", " Slovakia", "\nSomalia", " South Africa", " South Korea", " Spain", " Sri Lanka", " Sudan", " Sweden", " Switzerland", " Syria", " Taiwan", "\nTanzania", " Thailand", " Tunisia", " Turkey", " Turkiye", " Uganda", " Ukraine", " United Arab Emirates", "\nUnited Kingdom", " United States", " Uruguay", " Uzbekistan", " Venezuela", " Vietnam", " Yemen", " Zambia", " Zimbabwe", "\nBritain", " America", " the United States", " the United Kingdom", " Washington", " Moscow", " Beijing", " Tehran", "\nBaghdad", " Kyiv", " Kabul", " Damascus", " Ankara", " Riyadh\n"])


def trie_pattern(words) -> str:
    """A regular expression matching any of ``words``, factored by shared prefixes.

    Python's ``re`` tries a flat alternation word by word at every position; a prefix tree fails
    after one character at most positions, and a pattern that starts with literal characters lets
    ``re`` skip positions whose first character cannot start a match. That is what keeps the scans
    over a whole article within the time budget.
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(tree)


def _branch(node: dict) -> str:
    branches = [re.escape(char) + _branch(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:%s)" % "|".join(branches)
    if "" in node:
        return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else "(?:%s)?" % body
    return body
