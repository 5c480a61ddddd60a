"""Quotes: direct, partial and reported speech, with speakers resolved to entities.

Rules over stanza's tokens and NER mentions (no parser), in four steps, a
learned filter over what they find and a learned tagger for what they miss:

1. **Cues.** A reporting verb in any form (``said``, ``tells``, ``wrote``,
   ``according to``; see ``REPORTING_VERBS``) outside quotation marks, not used
   as a noun (``the report``) or an infinitive (``to say``); a claim noun
   with its owner (``Turkey's claim that``); or ``in`` before a poll, whose
   finding is the clause it stands in (``Lee leads by 9 points in the latest
   poll``, ``In a CBS poll, Lee led …``). ``QUOTE_ONLY_VERBS`` (``continued``,
   ``quipped``) count only right beside a quotation, as does any past verb
   between a quotation's speaker and the sentence's end (``“…,” Oliver
   barked.``). PolNeAR counts stance and intent as attributions too, so
   ``STANCE_VERBS`` (``criticized``, ``called for``, ``wants``) are cues whose
   content is whatever follows them in the clause.
2. **Speakers.** The noun phrase before the cue (``the Russian ambassador to
   France said``, ``Clinton campaign chairman John Podesta told``), skipping
   auxiliaries, adverbs and times (``has also said``, ``last week said``), with
   a bracketed party and state (``Sen. Ted Cruz (R-Tex.)``) or an appositive
   between commas (``Podesta, the campaign chairman,``), a quantifier that stands
   for people (``Some said``), or the phrase opening the
   sentence when a longer aside stands before the cue (``Sandy Phillips, who lost
   her daughter in Aurora, said``: descriptions stay, the ``who``/``-ing`` clause
   does not); or after it, when the
   cue follows a quotation (``…,” said former prime minister Tony Blair, 70, a
   lawyer``), opens the sentence, follows a comma with only the phrase after it
   (``…, said Tony Blair.``; in ``…, saying they would win`` the phrase belongs
   to the content and the speaker is the sentence's subject, as in ``Blair
   spoke and said …``), or is ``according to``. Noun phrases are found from
   word classes: function words, verbs and punctuation end them.
3. **Content.**
   - *direct*: a quotation right before or after the cue and speaker, with only
     commas, colons or dashes between, or a short phrase ending in a colon or a
     comma (``told the BBC on Monday, “…”``); ``“A,” he said, “B.”`` gives two
     quotes. A quotation that follows an attributed one in the next sentence,
     or opens the next paragraph after the attribution's sentence, continues
     that speaker's quote.
   - *indirect*: the clause after the cue (``said (that) …``, ``told
     reporters …``, ``said in a statement that …``) to the end of the sentence,
     a new clause (``, but``, ``, which``, a dash) or the next attribution; or,
     when nothing but a time or place follows the cue (``…, the ambassador said
     Wednesday.``) or ``told`` and its object (``…, Lee told the BBC.``), the
     sentence before the speaker. An attribution set off by
     commas inside the clause it reports (``A downturn, he said, would hurt``)
     gives two quotes, the words before it and the words after it. A quotation that is only
     part of a clause makes the clause an indirect quote (``The talks were “a
     disaster,” he said``, ``he said “no deal” was possible``).
   - *partial*: a quotation inside an indirect quote's content, with its speaker.
   - A quotation with no cue is speech with no named speaker when it reads as a
     sentence (six words or more, or sentence punctuation inside); shorter ones
     are scare quotes or titles and are not reported.
4. **Entities.** A speaker naming an entity points to it (the head of ``John
   Podesta, the campaign chairman`` or ``Stu Rothenberg of the Report``); ``he``
   and ``she`` point to the person last named as a speaker or as a sentence's
   subject; ``who`` to the name just before it; a description (``the US
   President``) to the person earlier given that title, with its other words
   (``US``) agreeing where they can.

5. **Filter.** A logistic regression trained on PolNeAR train
   (``quote_filter``) drops candidates unlikely to be attributions; a partial
   quote inside an indirect one goes with it.
6. **Tagger.** A CRF trained on PolNeAR train (``quote_tagger``) labels the
   tokens of Contents, Cues and Sources, reading the rules' candidates among its
   features; a confident Content span that no kept quote overlaps, outside
   quotation marks, with a Cue span in its sentence, is added as an indirect
   quote (``Clinton talked up her plan``, ``voters see the race as …``), with
   the Source span nearest its cue as speaker, resolved as in step 4. It never
   ends on a word that needs another (``and``, ``of``), and the end chooser
   moves its end as it moves the rules' ones. The tagger's check (a logistic
   regression over the quote's features) keeps those likely to be attributions.

Quotes are numbered Q1, Q2, ... in order of their content.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from itertools import accumulate
from typing import Literal

from service.nlp import quote_ends
from service.nlp import quote_filter
from service.nlp import quote_tagger
from service.nlp.aliases import alias_key
from service.nlp.entities import TITLES
from service.nlp.numbers import DENOMINATORS
from service.nlp.numbers import NUMBER_WORDS
from service.nlp.quote_ends import Chooser
from service.nlp.quote_ends import default_end_chooser
from service.nlp.quote_ends import default_speaker_end_chooser
from service.nlp.quote_ends import default_start_chooser
from service.nlp.quote_filter import QuoteFilter
from service.nlp.quote_filter import default_filter
from service.nlp.quote_tagger import QuoteTagger
from service.nlp.quote_tagger import TaggedSpan
from service.nlp.quote_tagger import TaggerToken
from service.nlp.quote_tagger import default_tagger
from service.nlp.quotemarks import ALL_MARKS
from service.nlp.quotemarks import CLOSING_DOUBLE
from service.nlp.quotemarks import INLINE_SPACES
from service.nlp.quotemarks import OPENING_DOUBLE
from service.nlp.quotemarks import Quoted
from service.nlp.quotemarks import find_quoted
from service.nlp.results import Cue
from service.nlp.results import Entity
from service.nlp.results import Quote
from service.nlp.results import Sentence
from service.nlp.results import Speaker


def _forms(*verbs: str) -> dict[str, str]:
    """Every inflected form of each verb, mapped to the verb.

    A verb is given as ``base`` or ``base/past/participle`` for irregular ones,
    which have no regular past (``said``, not ``sayed``).
    """
    forms: dict[str, str] = {}
    for spec in verbs:
        base, *irregular = spec.split("/")
        stem = base + base[-1] if base in _DOUBLING else base
        if base.endswith("y") and base[-2] not in "aeiou":
            third, past = base[:-1] + "ies", base[:-1] + "ied"
        else:
            third = base + ("es" if base.endswith(("s", "sh", "ch", "x", "o")) else "s")
            past = (base[:-1] if base.endswith("e") else stem) + "ed"
        # "argue": arguing; "agree": agreeing.
        ing = (base[:-1] if base.endswith("e") and not base.endswith("ee") else stem) + "ing"
        for form in (base, third, *(irregular or [past]), ing):
            forms[form] = base
    return forms


# Verbs that double their last letter before -ed and -ing (``referred``, ``slamming``).
_DOUBLING = frozenset(
    """admit quip commit submit omit plan regret stop prefer refer slam dub begin put
    snap""".split()
)

#: Verbs of saying and writing that introduce a quote or a reported clause.
REPORTING_VERBS = _forms(
    "say/said",
    "tell/told",
    "write/wrote/written",
    "add",
    "ask",
    "note",
    "argue",
    "explain",
    "declare",
    "announce",
    "insist",
    "warn",
    "stress",
    "claim",
    "tweet",
    "report",
    "suggest",
    "acknowledge",
    "admit",
    "state",
    "reply",
    "respond",
    "answer",
    "recall",
    "predict",
    "promise",
    "confirm",
    "deny",
    "observe",
    "comment",
    "contend",
    "maintain",
    "assert",
    "conclude",
    "remark",
    "complain",
    "concede",
    "reiterate",
    "emphasize",
    "emphasise",
    "urge",
    "vow",
    "pledge",
    "proclaim",
    "allege",
    "testify",
    "reveal",
    "disclose",
    "caution",
    "counter",
    "mention",
    "demand",
    "recount",
    "speculate",
    "estimate",
    "charge",
    "post",
    "inform",
    "assure",
    "boast",
    "lament",
    # Thought and evidence, reported like speech: "officials believe that …",
    # "the poll shows that …". They take a clause only with "that".
    "believe",
    "think/thought",
    "show/showed/shown",
    "find/found",
    "indicate",
    "expect",
    "fear",
    "hope",
    "learn/learned/learnt",
)

# Verbs whose object comes before the reported clause: ``told reporters (that) …``.
_OBJECT_FIRST = frozenset({"tell", "inform", "assure", "ask", "warn", "urge", "remind"})
# Verbs that take plain objects as often as clauses: they report a clause only with
# ``that`` (``claimed that …``, not ``claimed responsibility``) or a quotation. The
# objects of ``announce``, ``report``, ``acknowledge``, ``admit``, ``predict``,
# ``mention``, ``deny`` and ``reveal`` are what was said (``announced his candidacy``,
# ``predicted a close race``, ``denied any wrongdoing``).
_THAT_ONLY = frozenset(
    """claim confirm disclose post estimate promise pledge demand comment answer
    recount charge state believe think show find indicate expect fear hope learn""".split()
)

#: Verbs of stance, judgement and intent, which PolNeAR counts as attributions too
#: (``Trump called him “a total stiff”``, ``she wants to win``): their content is
#: the rest of the clause after them, with or without ``that``.
STANCE_VERBS = _forms(
    "call",
    "describe",
    "criticize",
    "criticise",
    "accuse",
    "endorse",
    "praise",
    "cite",
    "want",
    "decline",
    "agree",
    "oppose",
    "propose",
    "refuse",
    "defend",
    "blame",
    "reject",
    "dismiss",
    "seek/sought",
    "mock",
    "blast",
    "slam",
    "condemn",
    "denounce",
    "decry",
    "recommend",
    "welcome",
    "applaud",
    "label",
    "dub",
    "brand",
    "characterize",
    "point",
    "refer",
    "talk",
    "speak/spoke/spoken",
    "question",
    "attack",
    "discuss",
    "consider",
    "thank",
    "offer",
    "order",
    "list",
    "identify",
    "prefer",
    "threaten",
    "assail",
    "portray",
    "highlight",
    "invoke",
    "repeat",
    "retweet",
    "wonder",
    "bemoan",
    "tout",
    "echo",
    "lambast",
    "chide",
    "scold",
    "deride",
    "downplay",
    "reference",
    "remember",
    "liken",
    "rail",
    "signal",
)
# Forms that are nouns or adjectives as often as verbs (``a call``, ``a welcome change``).
for _form in (
    *("call", "want", "welcome", "brand", "label", "dub"),
    *("question", "questions", "attack", "attacks", "offer", "offers", "order", "orders"),
    *("list", "lists", "reference", "references", "signal", "signals"),
):
    del STANCE_VERBS[_form]
# Stance verbs that count only with their particle (``pointed out``, ``referring to``), and
# particles that belong to the cue after others (``called for``, ``called on``).
_PARTICLES = {
    "call": ("for", "on"),
    "point": ("out", "to"),
    "refer": ("to",),
    "talk": ("about",),
    "speak": ("about", "of", "out"),
    "rail": ("against",),
}
_PARTICLE_ONLY = frozenset({"point", "refer", "talk", "speak"})

#: Verbs that report speech only right beside a quotation (``“…,” he continued``) or
#: before ``that`` (``he joked that …``).
QUOTE_ONLY_VERBS = _forms(
    "continue",
    "quip",
    "joke",
    "laugh",
    "shout",
    "exclaim",
    "scream",
    "yell",
    "smile",
    "sigh",
    "chuckle",
    "chant",
    "imply",
    "retort",
    "snap",
    "muse",
    "scoff",
    "interject",
    "whisper",
    "mutter",
    "fume",
    "gush",
    "marvel",
    "write/wrote/written",
    "read/read",
    "begin/began/begun",
    "put/put",
)

# Forms that are nouns as often as verbs (``a snappy retort``, ``his muse``).
for _form in (
    *("retort", "retorts", "snap", "snaps", "whisper", "whispers", "marvel", "marvels"),
    *("muse", "muses", "fume", "fumes", "gush"),
):
    del QUOTE_ONLY_VERBS[_form]

#: Nouns that report a claim when an owner and ``that`` go with them (``Turkey's claim that``).
CLAIM_NOUNS = frozenset(
    """claim claims assertion assertions statement insistence argument warning suggestion
    allegation allegations contention promise pledge view belief announcement""".split()
)

SUBJECT_PRONOUNS = frozenset("he she they i we it you who which".split())
_PERSONAL = frozenset({"he", "she"})
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}

# Between a subject and its cue: auxiliaries and adverbs (``has also said``).
_BEFORE_CUE = frozenset(
    """has have had 's 've 'd ’s ’ve ’d would will also later previously then recently once
    again repeatedly reportedly publicly privately earlier first further often never always
    however too now instead meanwhile since long ever
    just still even simply separately initially subsequently already did does do not n't n’t
    had may might could should must can has quite ca wo cannot soon actually all""".split()
)
_DETERMINERS = frozenset(
    """the a an this these those his her their its our my your some many most several both
    all other another each every no any few""".split()
)
# Words that cannot be inside the noun phrase of a speaker.
_FUNCTION_WORDS = frozenset(
    """and or but nor that which because when while as if since after before where although
    though so than with in on at by from about into over under through during without against
    is was were are be been being am has have had will would could should may might must can
    did do does not n't n’t there then meanwhile however yet whether what how why also even
    to of for said says say told tells ago later earlier who whom whose up down out off back
    here upon amid""".split()
)
# Prepositions a speaker's noun phrase may run through (``the ambassador to France``).
_NP_PREPOSITIONS = frozenset({"of", "for", "to", "at", "from", "with"})
# Before a cue, ``in`` also links a group to a place (``voters in Ohio``).
_LINKS_LEFT = _NP_PREPOSITIONS | {"in", "on", "by"}
#: Nouns for roles and offices: heads of descriptions (``the Russian ambassador to France``).
ROLE_NOUNS = TITLES | frozenset(
    """spokesman spokeswoman spokesperson ambassador minister secretary president director
    chairman chairwoman chair head leader member professor analyst official officials chief
    editor correspondent representative adviser advisor counsel manager ceo founder author
    candidate nominee aide aides staffer spokesmen economist expert experts researcher
    strategist lawyer attorney commander officer source sources campaign organization
    agency department ministry office group party committee report poll survey study staff
    consultant pollster columnist reporter historian scientist executive organizer
    coordinator activist operative fellow""".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday".split()
)
_MONTHS_AND_DAYS = _WEEKDAYS | frozenset(
    """tonight january february march april may june july august september october
    november december earlier later""".split()
)
# What may follow a cue at the end of a sentence with the content before it.
_TAIL_STARTS = (
    frozenset(
        """on in at during to after before while last this earlier later via through
        following""".split()
    )
    | _MONTHS_AND_DAYS
)
# Words after a cue that say only how or how soon (``responded quickly``), and words
# that open only such a tail, not a clause's lead to ``that`` (``responded within minutes``).
_TAIL_ADVERBS = frozenset("again soon immediately instantly too also later".split())
_TAIL_ONLY_STARTS = frozenset({"within"})
# What opens a clause of when something was said (``said as he left``), and words
# that make it a reported question or clause instead (``said when they would vote``).
_TIME_CLAUSE_OPENERS = frozenset("as when while after before until".split())
_NOT_IN_TIME_CLAUSE = frozenset("that would will could should might can may to".split())
# Verbs of thought that may stand in an aside inside the clause they report, with no
# ``that`` (``Such a move, they believe, would fail``).
_THINKING = frozenset("believe think expect fear hope".split())
_SENTENCE_END = ".!?…"
_MIN_SPEECH_WORDS = 6
# How far after an attribution a quotation opening a sentence still continues it.
_CONTINUATION_CHARS = 160
# How many quotes before a continued one may hold its attribution in their speaker.
_HOLDERS = 4
# How far after a quote's attribution a question put to its speaker may start
# (``said when asked``, ``said Monday, when asked``).
_ASKED_GAP = 20
_MAX_NP_TOKENS = 12
_PERIODS = frozenset("week month year weekend night morning evening afternoon".split())
# Verbs in their base form after ``states that``: a relative clause (``states that vote
# later``), not a reported one.
_VOTING = frozenset("vote come lead precede hold allow require border use hope".split())
# Words after the noun ``states`` that the verb never takes.
_AFTER_STATES = frozenset("and or where which who whose like such including to in".split())
# What opens a time with no comma after it before a subject (``On Sunday Mr. Trump said``).
_TIME_LEADS = frozenset("on in at during since by".split())
# Words that follow a verb, not a plural noun (``Lee runs a``, ``costs too much``).
_OBJECTS_AFTER_VERB = frozenset("him them me us it to too up down out".split())
_TIME_MODIFIERS = frozenset("last this next early late earlier later".split())
# Common irregular past verbs, which end a subject's phrase (``Tony Blair spoke, saying``).
_PAST_VERBS = frozenset(
    """met went came took gave made got spoke ran won lost led held left sent brought began
    became kept stood sat knew saw felt heard shot struck hit stole drove fell rose chose broke
    flew grew threw drew fought caught taught bought sought sold built fled swore tore froze
    woke hid sang sank swam forgot forgave understood overcame dealt dug hung stuck swung
    slept swept shook ate""".split()
)
# Particles between a verb and the quotation it leads to (``shot back, “…”``).
_LEADING_PARTICLES = frozenset("back out up in off on".split())
# Nouns and adjectives ending in -ly, which is mostly an adverb's ending.
_LY_NOUNS = frozenset(
    "ally family assembly rally daily weekly monthly supply bully early elderly tally".split()
)
# Capitalised, these are names as often as function words: ``Will Doyle``, ``Can Dündar``.
_NAME_LIKE = frozenset({"will", "may", "can"})
# Plural nouns that are cue words as verbs but heads of sources before a cue.
_PLURAL_SOURCES = frozenset("reports statements claims estimates findings records".split())
_MAX_APPOSITIVE_TOKENS = 30
# Words after a speaker's appositive that say how or of what it was said.
_AFTER_APPOSITIVE = frozenset("about via during in on at while when after before as".split())
# Words that open an aside about the circumstances, not the subject (``Smith, however,
# said``, ``Lee, in the closing days of the campaign, said``).
_ASIDE_OPENERS = _AFTER_APPOSITIVE | frozenset(
    """however meanwhile too also though then now still instead nevertheless moreover
    particularly especially like unlike by with without under for""".split()
)
# The longest aside between a sentence's subject and its cue (``X, who …, said``).
_MAX_ASIDE_TOKENS = 60
# Words an object and a time may take between a cue and its clause (``told the
# crowd in Iowa on Monday he …``).
_MAX_OBJECT_TOKENS = 8
# Words a sentence's opening phrase may take before its comma and subject.
_MAX_INTRODUCTION_TOKENS = 6
_LEADING_LINKS = frozenset({"but", "and", "so", "yet", "still", "meanwhile", "then"})
# Words that stand for a clause's subject (``That, he said, would be easier``).
_DEMONSTRATIVES = frozenset({"that", "this", "these", "those"})
# Words that make an opening phrase something other than a subject (``According to the
# AP, Lee said``, ``Unless …, the experts say``, ``Last fall, Trump said``).
_NOT_SUBJECTS = frozenset(
    """according after before unless if when while as because although though since
    despite with without for in on at by from now then earlier later aside fall spring
    summer winter day afterward afterwards like among thus beyond""".split()
)
# Quantifiers that stand for people on their own, opening a clause (``Some said``).
_STANDING_ALONE = frozenset("some many most several both all few none".split())
_RELATIVES = frozenset({"who", "which", "whose", "where", "when", "whom", "while"})
# Prepositions that make ``that`` and the cue word after it a noun (``of that report``).
_OF_THAT = frozenset("of in on from about for with by to at".split())
# Prepositions before a place's name (``a nurse in Allentown, Pa.``).
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "near"})
# Cue words that are as often nouns, in their base form (``a Monday tweet``).
_NOUN_CUES = frozenset(
    """tweet post report comment note answer reply call claim statement interview remark
    promise pledge warning estimate forecast response request demand vow quote""".split()
)
# Verbs whose object is a finding when a poll or a record is their subject.
_SHOWING = frozenset({"show", "find", "indicate", "reveal"})
# Reporting verbs whose ``to`` opens an infinitive (``promised to build``).
_WITH_INFINITIVE = frozenset({"promise", "vow", "pledge", "claim", "hope", "ask"})
# Words after a finding's head (``The poll by Gallup``, ``A survey in March``).
_AFTER_EVIDENCE = frozenset({"of", "by", "from", "for", "in", "on"})
_EVIDENCE = frozenset(
    """poll polls polling survey surveys study studies data report reports analysis records
    figures numbers research results footage video videos review audit emails documents
    photos images paper papers investigation tests""".split()
)
# What may stand before ``asked`` reporting a question (``when asked whether …``).
_ASKED_AFTER = frozenset({"when", "if", "after", "once"})
# Words that open the question after ``asked``.
_QUESTION_OPENERS = frozenset("whether if why what how who which where when about".split())
# Participles that describe a speaker before the object of their preposition.
_DESCRIBING_SPEAKER = frozenset({"speaking", "talking"})
# Prepositions whose object a speaker's phrase before a cue may be (``over the decades``).
_OBJECT_PREPOSITIONS = frozenset(
    "at over in on during by with from about into through across under to".split()
)
# Prepositions that may follow a comma inside a reported clause (``, behind Santorum``).
_MORE_PREPOSITIONS = frozenset(
    """behind beyond among amid despite except like unlike near along around toward towards
    upon within via per plus alongside than of for""".split()
)
# Before ``to say``: the verb says it (``went on to say``, ``continued to say``).
_GOES_ON = frozenset("on continue continues continued continuing".split())
# Verbs that make a cue with the words after them (``made it clear that``, ``expressed
# concern that``), and those words after ``express``.
_EXPRESS = frozenset("express expresses expressed expressing voice voices voiced voicing".split())
_PHRASE_VERBS = _EXPRESS | frozenset("make makes made making".split())
_EXPRESSED = frozenset(
    """concern concerns confidence fear fears hope hopes doubt doubts frustration optimism
    worry worries alarm regret""".split()
)
# How many words may stand between a speaker and ``to say`` (``was quick to``, ``went so
# far as to``).
_MAX_INFINITIVE_LEAD = 5
_WENT = frozenset({"go", "goes", "went"})
# Verbs that make a sentence's opening its own clause (``The plane was grounded after …``).
_FINITE = frozenset("is was were are will would can could should might must did does do".split())
_MAX_SUBJECT_TOKENS = 25
# Set phrases that may stand between a subject and its cue, like an adverb, by last word.
_SET_PHRASES = [
    tuple(phrase.split())
    for phrase in """in the past|at last|in particular|for the first time|in recent years|in
    the meantime|in fact|of course|in turn|at first|in part|at times|at one point""".split("|")
]
_ADVERBIAL_PHRASES = {p[-1]: [q for q in _SET_PHRASES if q[-1] == p[-1]] for p in _SET_PHRASES}
_YEAR = re.compile(r"(?:19|20)\d\d")
# Prepositions that may follow a participle or a relative clause inside a speaker's phrase.
_MODIFIER_LINKS = frozenset("by for in on at from with about".split())
_IRREGULAR_PARTICIPLES = frozenset(
    "led seen run written made taken given known shown held paid sent built drawn done".split()
)
# Between a relative pronoun or a noun and its participle (``who has long worked for``).
_RELATIVE_AUXILIARIES = frozenset(
    "has have had is was were are been being just also previously once recently".split()
)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    lower: str
    start: int
    end: int
    sentence: int


@dataclass(slots=True)
class _Attribution:
    """A cue with its speaker, found before any content is attached."""

    cue: tuple[int, int]
    speaker: tuple[int, int] | None
    # The stretch of text the cue and speaker take up together.
    group: tuple[int, int]
    sentence: int
    quote_only: bool = False
    according_to: bool = False
    poll: bool = False  # ``in the latest poll``: a finding, before or after
    content_from: int | None = None  # for claim nouns: where ``that`` starts
    question: tuple[int, int] | None = None  # ``Asked whether …,``: the question asked


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    kind: str
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None
    entity: str | None = field(default=None)
    question: bool = False  # a reported question, which ends where the rules end it
    confidence: float = 1.0  # the tagger's, for a learned quote


def is_reporting_cue(cue: str) -> bool:
    """Whether a cue (one or more words) holds a reporting verb, noun or phrase we cover."""
    words = [w.strip(".,:;!?\"'“”‘’").casefold() for w in cue.split()]
    if "according" in words:
        return True
    if cue.strip() in {":", "―", "—", "–"}:
        return True  # "Pence: …", "“…” ― Pamela Padilla"
    if any(
        w in REPORTING_VERBS or w in QUOTE_ONLY_VERBS or w in CLAIM_NOUNS or w in STANCE_VERBS
        for w in words
    ):
        return True
    # ``made (it) clear``, ``expressed (his) concern``: a phrase the rules read as a cue.
    verb = next((i for i, w in enumerate(words) if w in _PHRASE_VERBS), None)
    return verb is not None and any(w in _EXPRESSED or w == "clear" for w in words[verb + 1 :])


def extract_quotes(
    doc: object,
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    check: QuoteFilter | Literal["shipped"] | None = "shipped",
    tagger: QuoteTagger | Literal["shipped"] | None = "shipped",
    ends: Chooser | Literal["shipped"] | None = "shipped",
    starts: Chooser | Literal["shipped"] | None = "shipped",
    speaker_ends: Chooser | Literal["shipped"] | None = "shipped",
) -> tuple[Quote, ...]:
    """The quotes in ``text``, in order, numbered Q1, Q2, ...

    ``check`` is the learned filter that drops unlikely candidates (see
    ``quote_filter``): by default the one shipped; None keeps every candidate and
    adds nothing. ``starts`` and ``ends`` choose where the kept indirect quotes
    start and end (see ``quote_ends``): by default the ones shipped; None keeps
    the rules' starts or ends. ``speaker_ends`` chooses where their speakers end
    (see ``quote_ends``): by default the one shipped; None keeps the rules' ends.
    ``tagger`` adds the attributions the rules miss (see ``quote_tagger``): by
    default the one shipped; None adds nothing.
    """
    if tagger == "shipped":
        tagger = default_tagger()
    kept, learned = _quotes_and_learned(
        doc, text, sentences, entities, check, tagger, ends, starts, speaker_ends
    )
    if learned:
        if tagger.check is not None:
            learned = [
                (q, names)
                for q, names in learned
                if tagger.check.probability(names) >= tagger.check.threshold
            ]
        kept = sorted(kept + [q for q, _ in learned], key=lambda q: (q.start, q.end))
    return tuple(replace(q, id=f"Q{n}") for n, q in enumerate(kept, start=1))


def learned_quotes(
    doc: object,
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    tagger: QuoteTagger,
    check: QuoteFilter | Literal["shipped"] = "shipped",
    ends: Chooser | Literal["shipped"] | None = "shipped",
    starts: Chooser | Literal["shipped"] | None = "shipped",
    speaker_ends: Chooser | Literal["shipped"] | None = "shipped",
) -> tuple[list[Quote], list[tuple[Quote, list[str]]]]:
    """The quotes ``extract_quotes`` keeps before the tagger's check, and the quotes
    the tagger adds with the features the check reads: for training the check on
    what it sees in service. The filter and choosers are as for ``extract_quotes``."""
    return _quotes_and_learned(
        doc, text, sentences, entities, check, tagger, ends, starts, speaker_ends
    )


def _quotes_and_learned(
    doc: object,
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    check: QuoteFilter | Literal["shipped"] | None,
    tagger: QuoteTagger | None,
    ends: Chooser | Literal["shipped"] | None,
    starts: Chooser | Literal["shipped"] | None,
    speaker_ends: Chooser | Literal["shipped"] | None,
) -> tuple[list[Quote], list[tuple[Quote, list[str]]]]:
    """The quotes the rules, the filter and the choosers keep, and those the tagger
    adds (with their features for the tagger's check), each list in order."""
    found = _rule_pass(doc, text, sentences, entities)
    if found is None:
        return [], []
    if check == "shipped":
        check = default_filter()
    if check is None:
        return list(found.candidates), []
    types = {e.id: e.type for e in entities}
    chances = check.probabilities(text, found.candidates, types)
    kept = [q for q, p in zip(found.candidates, chances, strict=True) if p >= check.threshold]
    kept = _outermost(kept)
    if starts == "shipped":
        starts = default_start_chooser()
    if starts is not None:
        kept = _with_chosen_starts(text, found, kept, starts)
    if ends == "shipped":
        ends = default_end_chooser()
    if ends is not None:
        kept = _with_chosen_ends(text, found, kept, ends)
    if speaker_ends == "shipped":
        speaker_ends = default_speaker_end_chooser()
    if speaker_ends is not None:
        kept = _with_chosen_speaker_ends(text, found, kept, speaker_ends)
    if tagger is not None:
        read = _tagger_tokens(text, found, entities, chances)
        tagged = tagger.tag(read)
        kept = _widened_speakers(text, found, tagged, kept)
        drafts = _learned(text, found, tagged, kept, tagger.threshold)
        # A learned ``he`` may refer to a speaker of the kept quotes.
        speakers = [q.speaker for q in kept if q.speaker is not None]
        found.resolver.resolve(drafts, [(s.start, s.entity) for s in speakers if s.entity])
        learned = _as_quotes(text, drafts)
        if ends is not None and learned:
            # The tagger's ends are looser than the rules': the end chooser moves them too.
            chosen = _with_chosen_ends(text, found, kept + learned, ends, since=len(kept))
            learned = chosen[len(kept) :]
        return kept, [
            (q, _learned_features(text, q, d.confidence, types))
            for q, d in zip(learned, drafts, strict=True)
        ]
    return kept, []


def candidate_quotes(
    doc: object, text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]
) -> tuple[Quote, ...]:
    """Every quote the rules find, before the learned filter, numbered in order."""
    found = _rule_pass(doc, text, sentences, entities)
    return () if found is None else found.candidates


def tagger_input(
    doc: object,
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    check: QuoteFilter | Literal["shipped"] = "shipped",
) -> tuple[list[TaggerToken], list[tuple[int, int]]]:
    """What ``quote_tagger`` reads of a text, one entry per token, and the tokens'
    offsets: for training the tagger on what it sees in service."""
    found = _rule_pass(doc, text, sentences, entities)
    if found is None:
        return [], []
    if check == "shipped":
        check = default_filter()
    chances = check.probabilities(text, found.candidates, {e.id: e.type for e in entities})
    read = _tagger_tokens(text, found, entities, chances)
    return read, [(t.start, t.end) for t in found.tokens]


def _outermost(kept: list[Quote]) -> list[Quote]:
    """``kept`` without the indirect quotes whose cue lies in another's content
    (``Smith wrote that the governor thinks the budget is too large``: Smith wrote
    all of it). News annotators mark the outer attribution only, and nested ones
    were more often wrong than right on PolNeAR train."""
    spans = sorted((q.start, q.end) for q in kept if q.kind == "indirect")
    starts = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))

    def nested(quote: Quote) -> bool:
        if quote.kind != "indirect" or quote.cue is None:
            return False
        before = bisect_right(starts, quote.cue.start)
        return before > 0 and reach[before - 1] >= quote.cue.end

    return [q for q in kept if not nested(q)]


def start_choices(
    doc: object,
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    check: QuoteFilter | Literal["shipped"] = "shipped",
) -> list[Choice]:
    """Where each indirect quote the filter keeps could start, as ``quote_ends``
    reads it: for training the start chooser on what it sees in service."""
    kept = _kept(doc, text, sentences, entities, check)
    return [] if kept is None else [choice for _, choice in _start_choices(text, *kept)]


def end_choices(
    doc: object,
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    check: QuoteFilter | Literal["shipped"] = "shipped",
    starts: Chooser | None = None,
) -> list[Choice]:
    """Where each indirect quote the filter keeps could end, its start chosen by
    ``starts`` (None: the rules'), as ``quote_ends`` reads it: for training the
    end chooser on what it sees in service."""
    kept = _kept(doc, text, sentences, entities, check, starts)
    return [] if kept is None else [choice for _, choice in _end_choices(text, *kept)]


def speaker_choices(
    doc: object,
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    check: QuoteFilter | Literal["shipped"] = "shipped",
    starts: Chooser | None = None,
    ends: Chooser | None = None,
) -> list[Choice]:
    """Where the speaker of each quote the filter keeps could end, as
    ``quote_ends`` reads it: for training the speaker chooser on what it sees in
    service. The quotes' starts and ends are chosen by ``starts`` and ``ends``
    (None: the rules'). One choice for each speaker and cue; its ``quote`` is the
    first of their quotes."""
    kept = _kept(doc, text, sentences, entities, check, starts, ends)
    return [] if kept is None else [choice for _, choice in _speaker_end_choices(text, *kept)]


def _kept(
    doc: object,
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    check: QuoteFilter | Literal["shipped"],
    starts: Chooser | None = None,
    ends: Chooser | None = None,
) -> tuple[_RulePass, list[Quote]] | None:
    """The rule pass and the quotes kept as ``extract_quotes`` keeps them, their
    starts and ends chosen by ``starts`` and ``ends`` (None: the rules'); None when
    the text has no tokens."""
    found = _rule_pass(doc, text, sentences, entities)
    if found is None:
        return None
    if check == "shipped":
        check = default_filter()
    kept = _outermost(check.kept(text, found.candidates, {e.id: e.type for e in entities}))
    if starts is not None:
        kept = _with_chosen_starts(text, found, kept, starts)
    if ends is not None:
        kept = _with_chosen_ends(text, found, kept, ends)
    return found, kept


@dataclass(frozen=True, slots=True)
class Choice:
    """The possible starts or ends of one quote's content: their offsets, which
    one the rules chose, and the features of each."""

    quote: Quote
    offsets: list[int]
    rule: int  # the index of the rules' choice in ``offsets``
    rows: list[list[str]]


# How many words past the rules' start a reported clause may be taken to start.
_MAX_LATER = 12


def _chosen_for(quote: Quote, found: _RulePass) -> bool:
    """Whether the choosers may move ``quote``'s bounds: an indirect quote whose cue
    comes first, and no reported question (which ends where the rules end it)."""
    if quote.kind != "indirect" or quote.cue is None or quote.cue.end > quote.start:
        return False
    return quote.cue.start not in found.questions


def _start_choices(text: str, found: _RulePass, kept: Sequence[Quote]) -> list[tuple[int, Choice]]:
    """(index in ``kept``, its choice) for each indirect quote whose cue comes first.

    A content may start at any word from the cue's end (or its speaker's, between
    them) to a few words past the rules' start, in its sentence and line, outside
    quotations, and never after a quotation the rules took into it.
    """
    tokens, starts = found.tokens, found.starts
    partials: dict[Cue | None, list[int]] = {}
    for q in kept:
        if q.kind == "partial":
            partials.setdefault(q.cue, []).append(q.start)
    outer = sorted((q.outer_start, q.outer_end) for q in found.quoted)
    choices = []
    for index, quote in enumerate(kept):
        if not _chosen_for(quote, found):
            continue
        rule = bisect_left(starts, quote.start)
        if rule == len(tokens) or tokens[rule].start != quote.start:
            continue
        sentence = tokens[rule].sentence
        # After the cue, and after a speaker between it and the content (``said Lee …``).
        floor = quote.cue.end
        if quote.speaker is not None and floor <= quote.speaker.start < quote.start:
            floor = quote.speaker.end
        first = bisect_left(starts, floor)
        latest = min(
            (s for s in partials.get(quote.cue, ()) if quote.start <= s < quote.end),
            default=quote.end,
        )
        line_start = text.rfind("\n", 0, quote.start)
        line_end = text.find("\n", quote.start)
        line_end = len(text) if line_end < 0 else line_end
        near = outer[bisect_left(outer, (quote.cue.end,)) : bisect_left(outer, (quote.end,))]
        options = []
        for k in range(first, min(len(tokens), rule + _MAX_LATER + 1)):
            token = tokens[k]
            if (
                k == rule
                or token.sentence == sentence
                and not _is_punct(token)
                and line_start < token.start
                and token.end < min(latest, line_end)
                and not any(o_start < token.start < o_end for o_start, o_end in near)
            ):
                options.append(k)
        low = max(0, first - 2)
        words = [t.lower for t in tokens[low : options[-1] + 2]]
        cue = quote.cue.text.casefold().split()[-1]
        rows = quote_ends.start_features(
            words, first - low, rule - low, [k - low for k in options], cue
        )
        offsets = [tokens[k].start for k in options]
        choices.append((index, Choice(quote, offsets, options.index(rule), rows)))
    return choices


def _with_chosen_starts(
    text: str, found: _RulePass, kept: list[Quote], chooser: Chooser
) -> list[Quote]:
    """``kept`` with each indirect quote starting where ``chooser`` scores best."""
    chosen = list(kept)
    for index, choice in _start_choices(text, found, kept):
        best = chooser.best(choice.rows, choice.rule)
        if best != choice.rule:
            quote, start = choice.quote, choice.offsets[best]
            chosen[index] = replace(quote, text=text[start : quote.end], start=start)
    return chosen


def _end_choices(
    text: str, found: _RulePass, kept: Sequence[Quote], since: int = 0
) -> list[tuple[int, Choice]]:
    """(index in ``kept``, its choice) for each indirect quote whose cue comes first,
    from ``kept[since]`` on.

    A content may end after any word from its start to its sentence's or line's
    end, short of the next attribution's parts and never inside a quotation
    that opens within it.
    """
    tokens, starts = found.tokens, found.starts
    # Where the next attribution begins: its cue, its speaker or its content (a
    # partial quote inside this one's content is part of it).
    parts = sorted(
        [q.start for q in kept if q.kind != "partial"]
        + [part.start for q in kept for part in (q.speaker, q.cue) if part is not None]
    )
    opened = sorted((q.outer_start, q.start, q.end, q.outer_end) for q in found.quoted)
    opened_at = [q[0] for q in opened]
    partials: dict[Cue | None, list[tuple[int, int]]] = {}
    for q in kept:
        if q.kind == "partial":
            partials.setdefault(q.cue, []).append((q.start, q.end))
    choices = []
    for index, quote in enumerate(kept[since:], start=since):
        if not _chosen_for(quote, found):
            continue
        first = bisect_left(starts, quote.start)
        if first == len(tokens) or tokens[first].start != quote.start:
            continue
        line_end = text.find("\n", quote.start)
        limit = len(text) if line_end < 0 else line_end
        after = bisect_right(parts, quote.start)
        if after < len(parts):
            limit = min(limit, parts[after])
        inside = opened[bisect_left(opened_at, quote.start) : bisect_left(opened_at, limit)]
        sentence = tokens[first].sentence
        ends, words, rule = [], [], None
        k = first
        while k < len(tokens) and tokens[k].sentence == sentence and tokens[k].end <= limit:
            if rule is not None and k > rule + _MAX_LONGER:
                break
            token = tokens[k]
            words.append(token.lower)
            if token.end == quote.end:
                rule = k
            if not _is_punct(token) and not any(
                outer_start <= token.start
                and token.end < outer_end
                and _has_words(text, token.end, close)
                for outer_start, _, close, outer_end in inside
            ):
                ends.append(k)
            k += 1
        if rule is None:
            continue
        # The quotations the rules took as part of this content stay in it.
        taken = [e for s, e in partials.get(quote.cue, ()) if quote.start <= s < quote.end]
        if taken:
            ends = [e for e in ends if tokens[e].end >= max(taken)]
        if rule not in ends:
            ends.append(rule)
            ends.sort()
        cue = quote.cue.text.casefold().split()[-1]
        head = first
        while head > 0 and tokens[head - 1].sentence == sentence:
            head -= 1
        lead = [t.lower for t in tokens[head:first]]
        rows = quote_ends.end_features(words, rule - first, [e - first for e in ends], cue, lead)
        offsets = [tokens[e].end for e in ends]
        choices.append((index, Choice(quote, offsets, ends.index(rule), rows)))
    return choices


def _with_chosen_ends(
    text: str, found: _RulePass, kept: list[Quote], chooser: Chooser, since: int = 0
) -> list[Quote]:
    """``kept`` with each indirect quote from ``kept[since]`` on ending where
    ``chooser`` scores best; a quotation left open at the new end is closed."""
    chosen = list(kept)
    for index, choice in _end_choices(text, found, kept, since):
        best = chooser.best(choice.rows, choice.rule)
        if best == choice.rule:
            continue
        quote = choice.quote
        end = choice.offsets[best]
        for stretch in found.quoted:
            if quote.start <= stretch.outer_start and stretch.start < end <= stretch.end:
                if not _has_words(text, end, stretch.end):
                    end = stretch.outer_end
        chosen[index] = replace(quote, text=text[quote.start : end], end=end)
    return chosen


# How many words past the rules' end a speaker may be taken to end.
_MAX_SPEAKER_LONGER = 20
_SPEAKER_RELATIVES = frozenset({"who", "whom", "whose", "which", "that"})
_HAVE = frozenset({"has", "have", "had"})


def _speaker_end_choices(
    text: str, found: _RulePass, kept: Sequence[Quote]
) -> list[tuple[list[int], Choice]]:
    """(the indices in ``kept`` of the quotes that share it, its choice) for each
    speaker and cue of the kept quotes, but a lone pronoun.

    Annotators disagree with the rules on how much of a speaker to take: with or
    without ``, who …``, an appositive, ``of Derry, N.H.``. A speaker may end after
    any word from its first to a few past the rules' end, in its sentence and
    line, short of the next attribution's parts, a quotation and the words between
    a subject and its cue, and never past a verb or an aside that no ``who`` holds.
    It never ends at a word that needs another, at a pronoun or inside brackets.
    """
    tokens, starts = found.tokens, found.starts
    shared: dict[tuple[int, int, Cue], list[int]] = {}
    for index, quote in enumerate(kept):
        if quote.speaker is not None and quote.cue is not None:
            key = (quote.speaker.start, quote.speaker.end, quote.cue)
            shared.setdefault(key, []).append(index)
    parts = sorted(
        {q.start for q in kept}
        | {p.start for q in kept for p in (q.speaker, q.cue) if p is not None}
    )
    outer = sorted((q.outer_start, q.outer_end) for q in found.quoted)
    outer_starts = [start for start, _ in outer]
    choices = []
    for (start, end, cue), indices in shared.items():
        first = bisect_left(starts, start)
        rule = bisect_left(starts, end) - 1
        if first == len(tokens) or tokens[first].start != start or tokens[rule].end != end:
            continue
        if rule == first and tokens[first].lower in SUBJECT_PRONOUNS:
            continue
        line_end = text.find("\n", start)
        limit = len(text) if line_end < 0 else line_end
        after = bisect_right(parts, start)
        if after < len(parts):
            limit = min(limit, parts[after])
        if cue.start >= end:
            # Not into what stands between a subject and its cue: ``Lee last week said``.
            j = bisect_left(starts, cue.start) - 1
            while j > rule and _skippable_before_cue(tokens, j):
                j -= _skippable_before_cue(tokens, j)
            limit = min(limit, tokens[max(j, rule)].end)
        sentence = tokens[first].sentence
        # A verb after the speaker opens a clause (``Lee voted to …``), but inside a
        # ``who`` clause it belongs to the speaker.
        relative = any(t.lower in _SPEAKER_RELATIVES for t in tokens[first : rule + 1])
        options = []
        brackets = 0
        k = first
        while k < len(tokens) and k <= rule + _MAX_SPEAKER_LONGER:
            token = tokens[k]
            word = token.lower
            if k > rule:
                if token.sentence != sentence or token.end > limit:
                    break
                opened = bisect_right(outer_starts, token.start) - 1
                if opened >= 0 and token.start < outer[opened][1]:
                    break  # a quotation
                relative = relative or word in _SPEAKER_RELATIVES
                negated = word.endswith(("n't", "n’t"))  # ``haven't``
                verb = word in _FINITE or word in _PAST_VERBS or word in _HAVE or negated
                verb = verb or _is_cue_word(word) or _verb_after_name(tokens, k)
                # ``Lee, speaking to reporters``: an aside, not a description.
                aside = word.endswith("ing") and tokens[k - 1].text == ","
                if (verb or aside) and not relative:
                    break
            brackets += (token.text == "(") - (token.text == ")")
            # Never after a word that needs another (``and``, ``of``, ``the``), a pronoun
            # (``Lee as she``) or inside brackets.
            ends_phrase = not (_is_punct(token) and token.text != ")") and brackets <= 0
            ends_phrase = ends_phrase and word not in _FUNCTION_WORDS and word not in _DETERMINERS
            ends_phrase = ends_phrase and word not in SUBJECT_PRONOUNS
            if k == rule or ends_phrase:
                options.append(k)
            k += 1
        words = tokens[first : options[-1] + 3]
        rows = quote_ends.speaker_end_features(
            [t.lower for t in words],
            [_is_capitalised(t) for t in words],
            rule - first,
            [k - first for k in options],
            cue.end <= start,
            cue.text.casefold().split()[-1],
        )
        offsets = [tokens[k].end for k in options]
        choice = Choice(kept[indices[0]], offsets, options.index(rule), rows)
        choices.append((indices, choice))
    return choices


def _verb_after_name(tokens: Sequence[_Token], k: int) -> bool:
    """Whether token ``k`` is a past verb after a name, with its object after it:
    ``Col. Lee started the debate``, ``hackers backing Bashar Assad hijacked The
    Associated Press’ account``; not a participle that describes the name (``one
    Republican involved in the planning``)."""
    token = tokens[k]
    if not token.lower.endswith("ed") or _is_capitalised(token) or k + 1 == len(tokens):
        return False
    after = tokens[k + 1]
    named = _is_capitalised(tokens[k - 1])
    return named and (_is_capitalised(after) or after.lower in _DETERMINERS)


def _with_chosen_speaker_ends(
    text: str, found: _RulePass, kept: list[Quote], chooser: Chooser
) -> list[Quote]:
    """``kept`` with each speaker ending where ``chooser`` scores best. A longer
    speaker still names the entity it named (``Ann Lee of the Acme Party`` is Ann
    Lee); a shorter one names the entity its words name, or the one it named."""
    chosen = list(kept)
    for indices, choice in _speaker_end_choices(text, found, kept):
        best = chooser.best(choice.rows, choice.rule)
        old = choice.quote.speaker
        if best == choice.rule or old is None:  # every choice has a speaker
            continue
        end = choice.offsets[best]
        entity = old.entity
        if end < old.end:
            entity = found.resolver.entity_of((old.start, end)) or entity
        speaker = Speaker(text[old.start : end], old.start, end, entity)
        for index in indices:
            chosen[index] = replace(chosen[index], speaker=speaker)
    return chosen


@dataclass(frozen=True, slots=True)
class _RulePass:
    """A text's tokens and quotations, the rules' candidate quotes, and the resolver
    that pointed their speakers to entities (for the tagger's quotes too)."""

    tokens: list[_Token]
    quoted: list[Quoted]
    resolver: _Resolver
    candidates: tuple[Quote, ...]
    starts: list[int]  # the tokens' start offsets, for bisection
    questions: frozenset[int]  # where the cues of reported questions start


def _rule_pass(
    doc: object, text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]
) -> _RulePass | None:
    """The rules' candidates in a parsed text; None when it has no tokens."""
    tokens = _tokens(doc, text)
    if not tokens:
        return None
    quoted = find_quoted(text)
    finder = _Finder(text, tokens, sentences, quoted)
    drafts = finder.drafts()
    for draft in drafts:
        if draft.speaker is not None:
            draft.speaker = finder.without_opening_time(_one_line(text, draft.speaker, draft.cue))
    resolver = _Resolver(text, tokens, sentences, entities, quoted)
    resolver.resolve(drafts)
    drafts.sort(key=lambda d: (d.start, d.end))
    questions = frozenset(d.cue[0] for d in drafts if d.question)
    quotes = tuple(_as_quotes(text, drafts))
    return _RulePass(tokens, quoted, resolver, quotes, finder.starts, questions)


def _one_line(
    text: str, speaker: tuple[int, int], cue: tuple[int, int] | None
) -> tuple[int, int] | None:
    """A speaker's phrase cut to the line nearest its cue: stanza may join a headline
    to the sentence under it (``Markets slide⏎Janet Yellen said``)."""
    start, end = speaker
    if "\n" not in text[start:end]:
        return speaker
    if cue is None or cue[0] >= end:
        start = text.rindex("\n", start, end) + 1
    else:
        end = text.index("\n", start, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if _has_words(text, start, end) else None


def _as_quotes(text: str, drafts: Sequence[_Draft]) -> list[Quote]:
    quotes = []
    for number, draft in enumerate(drafts, start=1):
        speaker = None
        if draft.speaker is not None:
            s, e = draft.speaker
            speaker = Speaker(text[s:e], s, e, draft.entity)
        cue = Cue(text[draft.cue[0] : draft.cue[1]], *draft.cue) if draft.cue else None
        quotes.append(
            Quote(
                f"Q{number}",
                text[draft.start : draft.end],
                draft.start,
                draft.end,
                draft.kind,
                speaker,
                cue,
            )
        )
    return quotes


def _tagger_tokens(
    text: str, found: _RulePass, entities: Sequence[Entity], chances: Sequence[float]
) -> list[TaggerToken]:
    """Each token as the tagger reads it: with its NER type, whether it is quoted, and
    the likeliest candidate quote, cue and speaker over it (``chances``: the filter's
    probability of each candidate)."""
    tokens, candidates, starts = found.tokens, found.candidates, found.starts
    ends = [t.end for t in tokens]

    def covered(start: int, end: int) -> range:
        return range(bisect_right(ends, start), bisect_left(starts, end))

    rule = [""] * len(tokens)
    chance = [0.0] * len(tokens)
    cue = [False] * len(tokens)
    speaker = [False] * len(tokens)
    ranked = sorted(zip(candidates, chances, strict=True), key=lambda pair: pair[1])
    for quote, p in ranked:  # the likeliest candidate over a token is the one it keeps
        inside = covered(quote.start, quote.end)
        for k in inside:
            rule[k] = ("B-" if k == inside.start else "I-") + quote.kind
            chance[k] = p
    for quote in candidates:
        for part, flags in ((quote.cue, cue), (quote.speaker, speaker)):
            if part is not None:
                for k in covered(part.start, part.end):
                    flags[k] = True
    kind = [""] * len(tokens)
    for entity in entities:
        for mention in entity.mentions:
            for k in covered(mention.start, mention.end):
                kind[k] = entity.type
    in_quotes = [False] * len(tokens)
    for stretch in found.quoted:
        for k in covered(stretch.start, stretch.end):
            in_quotes[k] = True
    return [
        TaggerToken(
            token.lower,
            quote_tagger.shape(token.text),
            token.sentence,
            kind[k],
            in_quotes[k],
            rule[k],
            chance[k],
            cue[k],
            speaker[k],
            _lexicon(token.lower),
        )
        for k, token in enumerate(tokens)
    ]


def _lexicon(word: str) -> str:
    if word in REPORTING_VERBS:
        return "rep"
    if word in STANCE_VERBS:
        return "st"
    if word in QUOTE_ONLY_VERBS:
        return "qo"
    if word in CLAIM_NOUNS:
        return "cn"
    return "acc" if word == "according" else ""


# Words a learned content never ends at: conjunctions, relatives, prepositions that
# need an object, determiners.
_NOT_LAST = frozenset(
    """and or but nor that which who whom whose because when while as if since after before
    where although though than with at by from into under through during without against to
    of for the a an this these those his her their its our my your""".split()
)


def _learned(
    text: str,
    rules: _RulePass,
    found: Sequence[TaggedSpan],
    kept: Sequence[Quote],
    threshold: float,
) -> list[_Draft]:
    """Indirect quotes from the tagger's confident Content spans that no kept quote
    overlaps and that have a Cue span in their sentence (the speaker: the Source span
    nearest to that cue). Spans with quotation marks are the rules' to judge."""
    tokens = rules.tokens
    content, cue_role, source_role = (quote_tagger.ROLES[r] for r in ("content", "cue", "source"))
    by_sentence: dict[tuple[str, int], list[TaggedSpan]] = {}
    for span in found:
        by_sentence.setdefault((span.role, tokens[span.first].sentence), []).append(span)
    stretches = sorted((q.outer_start, q.outer_end) for q in rules.quoted)
    stretches_reach = list(accumulate((e for _, e in stretches), max))
    taken = sorted((q.start, q.end) for q in kept)
    taken_reach = list(accumulate((e for _, e in taken), max))
    # A question's asker is the rules' to name (``Asked whether …, Lee said``: not Lee).
    askers = {
        q.cue.start: q.speaker for q in rules.candidates if q.cue and q.cue.start in rules.questions
    }
    drafts = []
    for span in found:
        if span.role != content or span.confidence < threshold:
            continue
        last = span.last
        while last > span.first and (
            tokens[last].lower in _NOT_LAST or tokens[last].text in ",;:-–—"
        ):
            last -= 1  # ``defended his mother and``: a clause goes on past these
        start, end = tokens[span.first].start, tokens[last].end
        if _overlaps(stretches, stretches_reach, start, end):
            continue
        if any(ch in _DOUBLE_MARKS for ch in text[max(0, start - 1) : end + 1]):
            continue  # an unpaired quotation mark in or around it
        if _overlaps(taken, taken_reach, start, end):
            continue
        sentence = tokens[span.first].sentence
        cue = _nearest(by_sentence.get((cue_role, sentence), ()), span)
        if cue is None:
            continue
        source = _nearest(by_sentence.get((source_role, sentence), ()), cue)
        speaker = None
        if source is not None and (source.last < span.first or span.last < source.first):
            last = _before_words(tokens, source.first, source.last, cue.first)
            speaker = (tokens[source.first].start, tokens[last].end)
            if source.first == last:
                word = tokens[source.first].lower
                if word in _FUNCTION_WORDS and word not in SUBJECT_PRONOUNS:
                    speaker = None  # ``After being informed that …``: nobody is named
                else:
                    speaker = _pronoun_of(tokens[source.first]) or speaker
        cue_span = (tokens[cue.first].start, tokens[cue.last].end)
        if cue_span[0] in askers:
            asker = askers[cue_span[0]]
            speaker = None if asker is None else (asker.start, asker.end)
        drafts.append(_Draft(start, end, "indirect", speaker, cue_span, confidence=span.confidence))
    return drafts


def _before_words(tokens: list[_Token], first: int, last: int, cue: int) -> int:
    """The last token of a learned Source ``first``..``last`` without the adverbs and
    auxiliaries that stand between a subject and its cue ``cue`` right after it:
    ``the state`` in ``the state incorrectly stated``. A time stays (``a poll this
    week``): annotators mostly take it into the Source."""
    if last + 1 != cue:
        return last
    while last > first and _is_adverb_or_auxiliary(tokens[last]):
        last -= 1
    return last


def _is_adverb_or_auxiliary(token: _Token) -> bool:
    """``has``, ``also``, ``incorrectly``: as ``_skippable_before_cue`` skips them."""
    if token.lower in _BEFORE_CUE:
        return not _name_like(token)
    return _is_ly_adverb(token)


def _is_ly_adverb(token: _Token) -> bool:
    """``incorrectly``, ``publicly``: a lowercase ``-ly`` word that is no noun (``rally``)."""
    word = token.lower
    return (
        word.endswith("ly")
        and len(word) > 4
        and word not in _LY_NOUNS
        and not _is_capitalised(token)
    )


def _learned_features(
    text: str, quote: Quote, confidence: float, types: dict[str, str]
) -> list[str]:
    """What the tagger's check reads of a learned quote: the filter's features, the
    span's confidence, its cue's first and last words and whether the rules know
    the last one."""
    cue = quote.cue.text.casefold().split() if quote.cue else ["none"]
    level = int(confidence * 10)
    return quote_filter.features(text, quote, types) + [
        f"confidence={level}",
        f"cue_last={cue[-1]}",
        f"cue_first={cue[0]}",
        f"cue_words={min(len(cue), 4)}",
        f"cue_last,confidence={cue[-1]},{level}",
        f"known={is_reporting_cue(cue[-1])}",
    ]


def _widened_speakers(
    text: str, rules: _RulePass, found: Sequence[TaggedSpan], kept: list[Quote]
) -> list[Quote]:
    """The kept quotes, each speaker widened to the tagger's Source span around it.

    The rules find a speaker's head and often stop short of what annotators
    mark: ``voters`` in ``62 percent of voters``, ``Ben Carson`` in ``retired
    neurosurgeon Ben Carson``. When exactly one Source span with a confidence of
    at least ``SOURCE_CONFIDENCE`` covers more than the speaker, and it stays
    clear of the quote's content and cue, it becomes the speaker, pointed to the
    entity its words name. What it adds after the speaker must describe it (an
    appositive, ``of …``), not be a time or a verb (``Tony Blair last week``).
    The tagger never narrows a speaker nor moves it.
    """
    tokens = rules.tokens
    source = quote_tagger.ROLES["source"]
    sources = []
    for span in found:
        if span.role == source and span.confidence >= SOURCE_CONFIDENCE:
            first, last = span.first, span.last
            # Annotators often take in the commas around an appositive; a speaker does not.
            while first <= last and tokens[first].text in _EDGE_PUNCTUATION:
                first += 1
            while last >= first and tokens[last].text in _EDGE_PUNCTUATION:
                last -= 1
            if first <= last:
                sources.append((tokens[first].start, tokens[last].end))
    sources.sort()
    if not sources:
        return kept
    widened = []
    for quote in kept:
        speaker = quote.speaker
        # ``who`` in ``voters who said``: annotators mark the pronoun alone too.
        if speaker is not None and speaker.text.lower() not in _SPEAKER_RELATIVES:
            around = []
            i = bisect_left(sources, (speaker.end, 0)) - 1
            while i >= 0 and sources[i][1] > speaker.start:  # disjoint: ends rise too
                around.append(sources[i])
                i -= 1
            if len(around) == 1:
                start, end = around[0]
                clear = all(
                    part is None or end <= part.start or part.end <= start
                    for part in (quote, quote.cue)
                )
                covers = start <= speaker.start and speaker.end <= end
                if covers and end > speaker.end:
                    covers = _modifies(tokens, rules.starts, speaker.end, end)
                one_line = "\n" not in text[start:end]
                # Not back over a dateline or an aside's dash (``NEW YORK - Lee said``).
                dashed = _SPACED_DASH.search(text, start, speaker.start) is not None
                same = (start, end) == (speaker.start, speaker.end)
                if clear and covers and one_line and not dashed and not same:
                    entity = rules.resolver.entity_of((start, end))
                    speaker = Speaker(text[start:end], start, end, entity)
                    quote = replace(quote, speaker=speaker)
        widened.append(quote)
    return widened


def _modifies(tokens: list[_Token], starts: list[int], start: int, end: int) -> bool:
    """Whether the tokens in ``start:end`` after a speaker describe it (``, a former
    aide``, ``of the New York delegation``), not a time or a verb after it.
    ``starts``: the tokens' start offsets."""
    words = []
    k = bisect_left(starts, start)
    while k < len(tokens) and tokens[k].start < end:
        words.append(tokens[k].lower)
        k += 1
    if not words or words[0] not in _MODIFIER_OPENINGS:
        return False
    return not any(w in _NOT_MODIFIERS or w in _MONTHS_AND_DAYS for w in words)


def _pronoun_of(token: _Token) -> tuple[int, int] | None:
    """The pronoun in ``he’s``, ``they’re``: a speaker without the verb it carries."""
    contracted = _CONTRACTED.fullmatch(token.lower)
    if contracted is None or contracted.group(1) == "there":
        return None
    return (token.start, token.start + len(contracted.group(1)))


def _nearest(spans: Sequence[TaggedSpan], to: TaggedSpan) -> TaggedSpan | None:
    """The span of ``spans`` that stands fewest tokens from ``to`` (the first if tied)."""
    best, pick = None, None
    for span in spans:
        gap = max(0, to.first - span.last if span.last < to.first else span.first - to.last)
        if best is None or gap < best:
            best, pick = gap, span
    return pick


def _tokens(doc: object, text: str) -> list[_Token]:
    found: list[_Token] = []
    index = -1
    for sentence in doc.sentences:  # type: ignore[attr-defined]
        # stanza ends a sentence after ``Sen.`` in ``as Sen. John McCain said``: rejoin it.
        joined = found and found[-1].text in _TITLE_ABBREVIATIONS
        index += not joined
        for token in sentence.tokens:
            start, end = token.start_char, token.end_char
            if text[start:end] == "." and found and found[-1].end == start:
                if found[-1].text + "." in _TITLE_ABBREVIATIONS:
                    start = found.pop().start  # ``Sen`` and ``.``: one title
            piece = text[start:end]
            found.append(_Token(piece, piece.casefold(), start, end, index))
    return found


_TITLE_ABBREVIATIONS = frozenset(
    """Sen. Sens. Rep. Reps. Gov. Govs. Pres. Dr. Mr. Mrs. Ms. Gen. Lt. Col. Capt. Sgt.
    Rev. Prof.""".split()
)


def _skippable_before_cue(tokens: list[_Token], j: int) -> int:
    """How many tokens ending at ``j`` stand between a subject and its cue (0: none).

    Auxiliaries and adverbs (``has also said``) and times (``last week said``,
    ``on Monday said``, ``on Thursday evening said``).
    """
    token = tokens[j]
    if _names_before_cue(tokens, j):
        return 0  # ``George Will said``, ``“…,” May said``: a name, not an auxiliary
    if token.lower in _BEFORE_CUE:
        return 1
    if token.lower == "been" and _progressive(tokens, j + 1):
        return 1  # ``’ve been saying``; not ``have been asked``
    for phrase in _ADVERBIAL_PHRASES.get(token.lower, ()):
        n = len(phrase)
        if j >= n - 1 and tuple(t.lower for t in tokens[j - n + 1 : j + 1]) == phrase:
            return n  # ``has in the past described``, ``for the first time cited``
    if j > 0 and tokens[j - 1].lower == "in" and _YEAR.fullmatch(token.text):
        return 2  # ``an executive at the foundation in 2009 sought``
    if _is_ly_adverb(token):
        return 1
    left = tokens[j - 1].lower if j > 0 else ""
    if token.lower in _PERIODS and left in {"last", "this", "next", "that", "earlier"}:
        return 2
    if token.lower in _PERIODS and left in _MONTHS_AND_DAYS:
        return 1  # ``on Thursday evening said``: the day goes next
    if token.lower in _MONTHS_AND_DAYS and token.lower not in {"may", "march"}:
        return 2 if left == "on" else 1
    return 0


def _progressive(tokens: list[_Token], k: int) -> bool:
    """Whether an ``-ing`` verb stands at token ``k``, perhaps after an adverb."""
    while k < len(tokens) and _is_ly_adverb(tokens[k]):
        k += 1
    return k < len(tokens) and tokens[k].lower.endswith("ing")


def _is_verb_like(word: str) -> bool:
    """Whether ``word`` is most likely a finite verb: ``spoke``, ``announced``, ``is``."""
    return (
        word in _PAST_VERBS
        or word in _FINITE
        or word in _AUXILIARIES
        or (word.endswith("ed") and len(word) > 4 and "-" not in word)
    )


def _name_like(token: _Token) -> bool:
    """``Will``, ``May`` or ``Can`` in title case: a name or a function word."""
    return token.text.istitle() and token.lower in _NAME_LIKE


def _names_before_cue(tokens: list[_Token], j: int) -> bool:
    """Whether token ``j``, before a cue, is ``Will``, ``May`` or ``Can`` as a name: not
    after a lowercase word (``in May``)."""
    token = tokens[j]
    if not _name_like(token):
        return False
    return j == 0 or tokens[j - 1].sentence != token.sentence or not tokens[j - 1].text.islower()


def _is_time(word: str) -> bool:
    """A lowercase word that names a day, a month or a period (``monday``, ``week``)."""
    return word in _MONTHS_AND_DAYS or word in _PERIODS


def _is_cue_word(word: str) -> bool:
    return word in REPORTING_VERBS or word in STANCE_VERBS or word in QUOTE_ONLY_VERBS


def _is_plural(word: str) -> bool:
    """A lowercase word that looks like a plural noun (``voters``, not ``press``)."""
    return _PLURAL.fullmatch(word) is not None


def _is_link_word(word: str) -> bool:
    """``But``, ``However``, ``Instead``, ``Clearly``: a word that links a sentence to the
    one before rather than saying anything."""
    return (
        word in _LEADING_LINKS
        or word in _BEFORE_CUE
        or word in _INTRODUCTIONS
        or word in _FUNCTION_WORDS
        or word.endswith("ly")
    )


_GROUP_NOUNS = frozenset("people public electorate".split())
_PLURAL = re.compile(r"[a-z]+[^s]s")
# Words that hedge a count: ``about four in 10``, ``nearly all``.
_APPROXIMATORS = frozenset(
    "about nearly almost roughly around only just virtually some approximately".split()
)
_TWO_WORD_HEDGES = frozenset(
    {("more", "than"), ("fewer", "than"), ("less", "than"), ("at", "least"), ("up", "to")}
)
# Words that link a count or a part to what it counts (``many of``, ``a quarter of``).
_QUANTIFIERS = DENOMINATORS.keys() | frozenset(
    "percent % many some most all few several none each both majority minority share".split()
)
# Adjectives that tie people to what they know (``sources close to the campaign``).
_PEOPLE_LINKS = frozenset("close familiar briefed loyal connected allied".split())
# An appositive of party and state (``Sen. Jane Doe, R-S.C.,``), partisans as roles
# (``Democrat of New York``), and how far into an appositive its role may come.
_PARTY_AND_STATE = re.compile(r"[RDI]-[A-Z]")
_PARTISANS = frozenset("democrat republican independent".split())
_ROLE_WITHIN = 6
_JOINED = re.compile(r"\s(?:and|&)\s")


def _role_word(word: str) -> bool:
    """A title or role (``Sen.``, ``senator``, ``officials``), case-folded."""
    word = word.rstrip(".")
    return word in ROLE_NOUNS or word.removesuffix("s") in ROLE_NOUNS


def _is_number(token: _Token) -> bool:
    return token.text.replace(",", "").replace(".", "").isdigit() or token.lower in NUMBER_WORDS


def _is_punct(token: _Token) -> bool:
    return not any(ch.isalnum() for ch in token.text)


def _is_capitalised(token: _Token) -> bool:
    return token.text[:1].isupper()


def _opens_appositive(token: _Token) -> bool:
    """``the``, ``a``, ``who``, ``25``, a role: a word that starts a phrase describing a name."""
    word = token.lower
    return (
        word in _DETERMINERS
        or word in ROLE_NOUNS
        or word in {"who", "now", "then", "himself", "herself"}
        or word.isdigit()
    )


def _is_owner(token: _Token) -> bool:
    """``Turkey's``, ``his``: a word after which a cue word is a noun (``claim``)."""
    if token.lower in _POSSESSIVE_PRONOUNS:
        return True
    if _WITH_VERB.match(token.lower):
        return False  # ``He's predicting``: a pronoun and its verb, as one token
    return not _is_punct(token) and _strip_possessive(token.text) != token.text


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


class _Finder:
    """Finds cues, speakers and content over one text's tokens."""

    def __init__(
        self, text: str, tokens: list[_Token], sentences: Sequence[Sentence], quoted: list[Quoted]
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.starts = [t.start for t in tokens]
        self.quoted = quoted
        self.quoted_bounds = [(q.outer_start, q.outer_end) for q in quoted]
        self.breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
        # Where quotation marks are, as against apostrophes (``Sanders’ campaign``).
        self.marks = {q.outer_start for q in quoted} | {q.end for q in quoted if not q.runs_on}
        self.opening_marks = {q.outer_start for q in quoted}
        # First and last token index of each sentence.
        self.sentence_tokens: dict[int, tuple[int, int]] = {}
        for i, token in enumerate(tokens):
            first, _ = self.sentence_tokens.get(token.sentence, (i, i))
            self.sentence_tokens[token.sentence] = (first, i)
        # ``state`` qualifying a title (``state Sen. Lee``, ``state senator``): a word of
        # a speaker's phrase, not the verb.
        self.state_titles = {
            token.start
            for token, after in zip(tokens, tokens[1:], strict=False)
            if token.lower == "state"
            and _role_word(after.lower)
            and token.sentence == after.sentence
        }

    # -- step 1 and 2: cues and speakers ------------------------------------------------

    def _inside_quote(self, start: int, end: int) -> bool:
        i = bisect_right(self.quoted_bounds, (start, len(self.text) + 1)) - 1
        return i >= 0 and self.quoted_bounds[i][0] < start and end <= self.quoted_bounds[i][1]

    def attributions(self) -> list[_Attribution]:
        found = []
        tokens = self.tokens
        for i, token in enumerate(tokens):
            if self._inside_quote(token.start, token.end):
                continue
            if token.lower == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
                found.append(self._according_to(i))
                continue
            word = token.lower
            if word == "in":
                poll = self._in_poll(i)
                if poll is not None:
                    found.append(poll)
                    continue
            if word == "asked":
                question = self._asked(i)
                if question is not None:
                    found.append(question)
                    continue
            if word in _PHRASE_VERBS:
                phrase = self._phrase_cue(i, found)
                if phrase is not None:
                    found.append(phrase)
                    continue
            if not token.text[:1].islower() and not self._opens_inverted(i):
                continue  # a name (the United States) or a headline word
            strong = word in REPORTING_VERBS or self._stance(i) is not None
            after_owner = i > 0 and _is_owner(tokens[i - 1])
            if (
                not strong
                and word not in QUOTE_ONLY_VERBS
                and (self._signs_quote(i) or self._leads_quote(i))
            ):
                found.append(self._verb(i, quote_only=True))
                continue
            if after_owner or (not strong and word not in QUOTE_ONLY_VERBS):
                if word in CLAIM_NOUNS:
                    claim = self._claim_noun(i)
                    if claim is not None:
                        found.append(claim)
                continue
            if i > 0 and tokens[i - 1].lower in _DETERMINERS:
                if not (tokens[i - 1].lower in _STANDING_ALONE and self._starts_clause(i - 1)):
                    continue  # a noun (the report), but ``Some said``
            infinitive = i > 0 and tokens[i - 1].lower == "to"
            if infinitive and not (
                i >= 2 and tokens[i - 2].lower in _GOES_ON or self._says_quote(i)
            ):
                continue  # an infinitive (to say), but ``went on to say``
            if self._described_noun(i) or self._state_noun(i) or self._states_noun(i):
                continue  # ``an early morning tweet``, ``the Indiana state police``
            if i > 0 and tokens[i - 1].text in "-–" and tokens[i - 1].end == token.start:
                continue  # part of a compound (so-called, self-described)
            attribution = self._verb(i, quote_only=not strong)
            if attribution is not None and attribution.speaker is None:
                attribution.speaker = self._missing_speaker(i, found)
                if attribution.speaker is None and infinitive:
                    attribution.speaker = self._infinitive_subject(i)
            elif attribution is not None and self._through_medium(i, attribution.speaker):
                # ``His office put out a statement saying …``: the office speaks.
                attribution.speaker = self._clause_subject(i) or attribution.speaker
            found.append(attribution)
        return [a for a in found if a is not None]

    def _described_noun(self, i: int) -> bool:
        """Whether the cue word at ``i`` is a noun after a determiner and its modifiers
        (``in an early morning tweet``): a cue that is as often a noun, in its base form."""
        tokens = self.tokens
        if tokens[i].lower not in _NOUN_CUES or i == 0:
            return False
        after = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        if not _is_punct(tokens[i - 1]) and tokens[i - 1].lower not in SUBJECT_PRONOUNS:
            if after in _FINITE or after in _HAVE or _is_cue_word(after):
                return True  # ``the jobs report was released``, ``a Pew report found``
        if _is_plural(tokens[i - 1].lower):
            return False  # ``his most loyal supporters claim``: a plural and its verb
        named = False
        for k in range(i - 1, max(-1, i - 6), -1):
            token = tokens[k]
            if _is_punct(token) and token.text not in "-'’":
                return False  # ``What's more, they note``
            if token.lower in _DETERMINERS or _is_owner(token):
                # ``The Senate report concluded``; but ``Officials at the DOJ demand``
                return k < i - 1 and (not named or self._starts_clause(k))
            if token.lower in _DEMONSTRATIVES and k > 0 and tokens[k - 1].lower in _OF_THAT:
                return True  # ``the authors of that report``, ``in that 2013 interview``
            if token.lower in _FUNCTION_WORDS:
                return False
            if token.text[:1].isupper() and token.lower not in _PLATFORMS:
                named = True  # a name's noun only where the name opens (not ``a Twitter``'s)
        return False

    def _states_noun(self, i: int) -> bool:
        """Whether ``states`` at ``i`` is the plural noun, not the verb (``the law states
        that …``): after a number or a preposition (``a dozen states``, ``in states
        where …``), or before a verb, a relative clause, a link or the sentence's end
        (``when swing states held contests``, ``coastal states that have moved``,
        ``the early states to vote``)."""
        tokens = self.tokens
        if tokens[i].lower != "states" or i == 0 or i + 1 >= len(tokens):
            return False
        before, after = tokens[i - 1], tokens[i + 1]
        if _is_number(before) or before.lower in _OF_THAT:
            return True
        word = after.lower
        relative = word == "that" and i + 2 < len(tokens)
        if relative:
            word = tokens[i + 2].lower  # ``states that have voted``: a relative clause
        verb = word in _FINITE or word in _HAVE or word.endswith("ed") or word in _VOTING
        return verb or not relative and (word in _AFTER_STATES or after.text in ".;)")

    def _state_noun(self, i: int) -> bool:
        """Whether ``state`` at ``i`` is a noun: before a title (``state Sen. Lee``),
        after a place's name (``the Indiana state firefighters union``, ``New York
        state law``) where a lowercase word follows that opens no clause, or after
        ``of`` (``the secretary of state``)."""
        tokens = self.tokens
        if tokens[i].start in self.state_titles:
            return True
        if tokens[i].lower != "state" or i == 0 or i + 1 >= len(tokens):
            return False
        before, after = tokens[i - 1], tokens[i + 1]
        if before.lower == "of":
            return True
        if not _is_capitalised(before) or self._sentence_first(i - 1):
            return False
        word = after.lower
        return (
            after.text[:1].islower()
            and after.text.isalpha()
            and word not in _DETERMINERS
            and word not in _FUNCTION_WORDS  # ``state that``, ``state in``
            and word not in SUBJECT_PRONOUNS
            and not word.endswith("ly")
        )

    def _opens_inverted(self, i: int) -> bool:
        """``Said Ann Lee, a neighbour, “…”``: ``Said`` opening a sentence before a name."""
        tokens = self.tokens
        if tokens[i].text not in {"Said", "Says"} or i + 1 >= len(tokens):
            return False
        first, _ = self.sentence_tokens[tokens[i].sentence]
        return i == first and _is_capitalised(tokens[i + 1])

    def _signs_quote(self, i: int) -> bool:
        """``“…,” Oliver barked.``: any past verb between a quotation's speaker and the
        sentence's end (or a time and the end, or a quotation going on after a comma)
        reports that quotation."""
        tokens = self.tokens
        word = tokens[i].lower
        if not (word.endswith("ed") or word in _PAST_VERBS) or i < 3 or i + 1 >= len(tokens):
            return False
        after = i + 1
        if tokens[after].lower in _LEADING_PARTICLES and after + 1 < len(tokens):
            after += 1  # ``“…,” Lee shot back.``
        after += self._time_words(after)  # ``Lee fumed on Tuesday.``
        if after >= len(tokens) or tokens[after].sentence != tokens[i].sentence:
            return False
        if tokens[after].text not in ".!?" and not (
            # ``“…,” she elaborated, “…”``
            tokens[after].text == ","
            and after + 1 < len(tokens)
            and tokens[after + 1].start in self.opening_marks
        ):
            return False
        speaker = self._np_left(i - 1)
        if speaker is None:
            return False
        k = self._index_at(speaker[0]) - 1
        if k >= 0 and tokens[k].text == ",":
            k -= 1
        return k >= 0 and self._is_mark(tokens[k])

    def _says_quote(self, i: int) -> bool:
        """``Trump was prompted to say, “…”``, ``went so far as to say: “…”``: an
        infinitive cue that a comma or colon and a quotation follow (not ``as if to
        say``, where no one speaks)."""
        tokens = self.tokens
        k = i + 1
        return (
            k + 1 < len(tokens)
            and tokens[k].text in ",:"
            and tokens[k + 1].start in self.opening_marks
            and tokens[k].sentence == tokens[i].sentence
            and not (i >= 3 and tokens[i - 3].lower == "as" and tokens[i - 2].lower == "if")
        )

    def _infinitive_subject(self, i: int) -> tuple[int, int] | None:
        """The name or pronoun a few plain words before the infinitive cue at ``i``:
        ``that Mr. Trump was prompted to say``, ``Lee went so far as to say``."""
        tokens = self.tokens
        for k in range(i - 2, max(-1, i - 2 - _MAX_INFINITIVE_LEAD), -1):
            token = tokens[k]
            if token.sentence != tokens[i].sentence or _is_punct(token) or self._is_mark(token):
                return None
            if token.lower in _NOMINATIVE:
                return (token.start, token.end)
            if _is_capitalised(token):
                # the name's verb follows it: not ``a Clinton administration would``
                verb = tokens[k + 1].lower
                if verb in _AUXILIARIES or verb in _WENT or verb.endswith("ed"):
                    return self._np_left(k)
                return None
            if token.lower in _CLAUSE_BREAKERS or token.lower in _COORDINATORS:
                if not (token.lower == "so" and tokens[k + 1].lower == "far"):
                    return None
        return None

    def _leads_quote(self, i: int) -> bool:
        """``Lee shot back, “…”``: a past verb after the sentence's subject, then a
        comma or colon and a quotation, reports that quotation."""
        tokens = self.tokens
        word = tokens[i].lower
        if not (word.endswith("ed") or word in _PAST_VERBS) or i < 1:
            return False
        k = i + 1
        if k < len(tokens) and tokens[k].lower in _LEADING_PARTICLES:
            k += 1
        after_object = k < len(tokens) and tokens[k].text not in ",:"
        if after_object:
            k = self._colon_after_object(k)  # ``delivered a blunt message to Lee: “…”``
            if tokens[k].text != ":":
                return False
        if (
            k + 1 >= len(tokens)
            or tokens[k].text not in ",:"
            or tokens[k].sentence != tokens[i].sentence
        ):
            return False
        if tokens[k + 1].start not in self.opening_marks:
            return False
        if after_object and self._attributed_after(tokens[k + 1].start):
            return False  # ``Lee saw it differently: “…,” he said``
        speaker = self._np_left(i - 1)
        if speaker is None:
            return False
        first, _ = self.sentence_tokens[tokens[i].sentence]
        opens = self._index_at(speaker[0])
        if opens == first:
            return True
        # ``At a town hall Monday, the mayor retorted: “…”``
        comma = opens - 1
        return (
            comma > first
            and tokens[comma].text == ","
            and self._introduces(first, comma)
            and not any(self._is_mark(t) for t in tokens[first:comma])
        )

    def _attributed_after(self, opening: int) -> bool:
        """Whether the quotation opening at ``opening`` has a cue of its own right after
        it (``“…,” he said``); a participle there reports what follows it (``“…,” citing
        the polls``)."""
        quoted = self._quoted_at(opening)
        if quoted is None:
            return False
        k = self._index_at(quoted.outer_end)
        return any(
            _is_cue_word(t.lower) and not t.lower.endswith("ing") for t in self.tokens[k : k + 4]
        )

    def _quoted_at(self, opening: int) -> Quoted | None:
        """The quotation whose opening mark is at ``opening``, if one is."""
        i = bisect_left(self.quoted_bounds, (opening, 0))
        found = i < len(self.quoted) and self.quoted_bounds[i][0] == opening
        return self.quoted[i] if found else None

    def _colon_after_object(self, k: int) -> int:
        """The colon that ends an object opening at token ``k`` (``released the following
        statement:``), or ``k`` when no colon follows within a few plain words."""
        tokens = self.tokens
        for m in range(k, min(len(tokens), k + _MAX_OBJECT_TOKENS + 1)):
            token = tokens[m]
            if token.sentence != tokens[k].sentence:
                break
            if token.text == ":":
                return m
            if _is_punct(token) and token.text not in "-'’" or self._is_mark(token):
                break
            if _is_cue_word(token.lower) or token.lower in _CLAUSE_BREAKERS:
                break
        return k

    def _stance(self, i: int) -> str | None:
        """The stance verb at token ``i`` (``called``, ``pointed out``), or None."""
        verb = STANCE_VERBS.get(self.tokens[i].lower)
        if verb is None or verb in REPORTING_VERBS:
            return None
        if verb in _PARTICLE_ONLY and not self._particle(i):
            return None
        return verb

    def _particle(self, i: int, quote_only: bool = False) -> bool:
        """Whether token ``i`` is a verb followed by its particle (``called for``; ``shot
        back`` beside a quotation)."""
        particles = _PARTICLES.get(STANCE_VERBS.get(self.tokens[i].lower, ""), ())
        if quote_only and self.tokens[i].lower not in QUOTE_ONLY_VERBS:
            particles = _LEADING_PARTICLES
        return i + 1 < len(self.tokens) and self.tokens[i + 1].lower in particles

    def _verb(self, i: int, quote_only: bool) -> _Attribution | None:
        tokens = self.tokens
        cue = (tokens[i].start, tokens[i + 1 if self._particle(i, quote_only) else i].end)
        sentence = tokens[i].sentence
        before = tokens[i - 1] if i > 0 else None
        word = tokens[i].lower
        # No speaker follows a participle: ``Lee defended “our values,” saying the city …``,
        # ``…, saying Obama's strategy -- … -- is weak`` (its clause's subject).
        participle = word.endswith("ing")
        after_quote = not participle and before is not None and before.text[-1:] in ALL_MARKS
        inverted = before is None or before.text in "," or after_quote
        if REPORTING_VERBS.get(word) in _OBJECT_FIRST and not after_quote:
            # ``Clinton, who called Sanders, told her supporters``: what follows is the object.
            inverted = False
        inverted = (inverted or self._sentence_first(i)) and not participle
        if word in STANCE_VERBS and word not in REPORTING_VERBS and not after_quote:
            # ``Smith, the mayor, criticized the budget``: a stance verb's object follows it.
            inverted = False
        if inverted:
            # ``…, said former governor Ed Rendell.``: as after a quotation, but the
            # phrase must end the clause (below).
            speaker = self._np_right(i + 1, loose=True)
            if speaker is not None and not after_quote and not self._ends_clause(speaker[1]):
                # ``…, saying they would win``: the phrase is the subject of the content.
                speaker = None
            if speaker is not None:
                speaker = self._with_appositive(speaker)
                return _Attribution(cue, speaker, (cue[0], speaker[1]), sentence, quote_only)
        speaker = self._np_left(i - 1)
        if speaker is None:
            return _Attribution(cue, None, cue, sentence, quote_only)
        if self._object_before_participle(speaker, i):
            speaker = self._clause_subject(i)
            if speaker is None:
                return _Attribution(cue, None, cue, sentence, quote_only)
        speaker = self._past_object(speaker, i)
        return _Attribution(cue, speaker, (speaker[0], cue[1]), sentence, quote_only)

    def _object_before_participle(self, speaker: tuple[int, int], i: int) -> bool:
        """Whether the phrase before the participle cue at ``i`` is an object, a verb's
        or a preposition's, not the one who speaks: ``Lee was blunt about Tom Park, the
        mayor, saying …``, ``Lee posted a comment of her own, saying …``."""
        tokens = self.tokens
        if not tokens[i].lower.endswith("ing") or tokens[i - 1].text != ",":
            return False
        k = self._index_at(speaker[0])
        if k == 0 or tokens[k - 1].sentence != tokens[i].sentence:
            return False
        before = tokens[k - 1]
        return before.text[:1].islower() and before.lower not in {"and", "but", "or"}

    def _past_object(self, speaker: tuple[int, int], i: int) -> tuple[int, int]:
        """``Veterans interviewed at rallies this week said``: a phrase after a
        preposition is that preposition's object, and the subject opens the sentence."""
        tokens = self.tokens
        k = self._index_at(speaker[0])
        if k == 0 or tokens[k - 1].lower not in _OBJECT_PREPOSITIONS:
            return speaker
        first, _ = self.sentence_tokens[tokens[k].sentence]
        line_start = self.text.rfind("\n", 0, speaker[0]) + 1
        first = max(first, self._index_at(line_start))
        comma = next((j for j in range(first, k) if tokens[j].text == ","), None)
        if comma is not None and self._introduces(first, comma):
            first = comma + 1  # ``In the poll, most voters in Ohio said``
        if first >= k - 1 or k - first > _MAX_SUBJECT_TOKENS:
            return speaker
        opener = tokens[first]
        if opener.lower in _INTRODUCTIONS or opener.lower in _FUNCTION_WORDS:
            return speaker
        if not (_is_capitalised(opener) or opener.lower in _DETERMINERS):
            return speaker
        if opener.lower in SUBJECT_PRONOUNS:
            return speaker
        for j in range(first, k):
            token = tokens[j]
            if _is_punct(token) and token.text not in "-'’" or self._is_mark(token):
                return speaker
            word = token.lower
            if word in _DESCRIBING_SPEAKER and j > first:
                # ``A source speaking to Fox News said``: the source, described
                return (opener.start, tokens[j - 1].end)
            if _is_cue_word(word) or word in _FINITE or word in _PAST_VERBS:
                return speaker
            if word.endswith("ed") and j > first and _is_capitalised(tokens[j - 1]):
                # ``Armstrong huddled with …``: a name and its verb; but ``Farmers
                # interviewed at …``: a plural opening a sentence and its participle.
                plural = j - 1 == first and _is_plural(opener.lower)
                if not plural:
                    return speaker
        link = next(j for j in range(first, k) if tokens[j].lower in _OBJECT_PREPOSITIONS)
        if all(_is_capitalised(t) for t in tokens[first:link]):
            return (opener.start, tokens[link - 1].end)  # ``Lee at a rally in Ohio said``
        return (opener.start, speaker[1])

    def _ends_clause(self, at: int) -> bool:
        """Whether a phrase ending at ``at`` ends its clause: punctuation or nothing follows."""
        k = self._index_at(at)
        if k >= len(self.tokens) or self.tokens[k].sentence != self.tokens[k - 1].sentence:
            return True
        if self.tokens[k].start in self.opening_marks:
            return False  # ``…, said Ohio’s voting period “is generous.”``: its subject
        return _is_punct(self.tokens[k]) and self.tokens[k].text not in "-&"

    def _missing_speaker(self, i: int, found: list[_Attribution | None]) -> tuple[int, int] | None:
        """The speaker of a cue with none beside it: the sentence's subject.

        ``Trump tweeted on Friday, saying …``, ``Trump spoke and said …``, ``Lee
        disputed it, but said …``: the speaker of the nearest earlier cue in the
        sentence whose speaker is not the subject of a clause another cue reports
        (``Lee said he welcomed it and added …``: Lee), else its subject.
        Otherwise the subject past an opening phrase (``For months, Obama has …,
        arguing``).
        """
        tokens = self.tokens
        j = i - 1
        while j > 0 and _skippable_before_cue(tokens, j) == 1:
            j -= 1
        if j > 0 and self._is_mark(tokens[j]) and tokens[j - 1].text == ",":
            j -= 1  # ``on “Morning Joe,” adding``: the comma inside the closing mark
        participle = tokens[i].lower.endswith("ing") and tokens[j].text == ","
        joined = i > 0 and (participle or tokens[j].lower in {"and", "but"})
        sentence = tokens[i].sentence
        if joined:
            nearest_first: list[_Attribution] = []
            for earlier in reversed(found):  # in text order: this sentence's come last
                if earlier is None:
                    continue
                if earlier.sentence != sentence:
                    break
                nearest_first.append(earlier)
            for n, earlier in enumerate(nearest_first):
                speaker = earlier.speaker
                if speaker is None or speaker[1] > tokens[i].start:
                    continue  # ``said Lee, who met him and called …``: not past the cue
                if not self._reported_within(speaker, nearest_first[n + 1 :]):
                    return speaker
        speaker = self._clause_subject(i)
        if speaker is None and joined:
            first, _ = self.sentence_tokens[sentence]
            while first < i and tokens[first].lower in _LEADING_LINKS:
                first += 1  # ``And then Trump went on the attack, saying …``
            speaker = self._np_right(first)
            if speaker is not None and speaker[1] > tokens[i].start:
                return None
            if (
                speaker == (tokens[first].start, tokens[first].end)
                and tokens[first].lower in _DETERMINERS
            ):
                return None  # a lone ``the``: no phrase was read
        return speaker

    def _reported_within(self, speaker: tuple[int, int], before: list[_Attribution]) -> bool:
        """Whether ``speaker`` is the subject of a clause that an earlier cue of its
        sentence reports: ``Trump complained Khan had attacked him and questioned
        …``, ``Lee said he welcomed it and added …`` (not ``…,'' he said - and``)."""
        tokens = self.tokens
        k = self._index_at(speaker[0])
        if k == 0 or tokens[k].lower in _SPEAKER_RELATIVES:
            return False
        previous = tokens[k - 1]
        if _is_punct(previous) or self._is_mark(previous) or previous.lower in _NOT_REPORTED:
            return False  # ``…,'' he said - and``, ``even as he defended …, saying``
        return any(
            other.speaker is not None
            and other.speaker[1] <= other.cue[0]  # ``Lee said``, not ``said Lee``
            and other.cue[1] <= speaker[0]
            and not any(_is_punct(t) for t in tokens[self._index_at(other.cue[1]) : k])
            for other in before
        )

    def _introduces(self, first: int, comma: int | None) -> bool:
        """Whether the sentence opens at ``first`` with a phrase of time, place or manner
        that ``comma`` closes (``At the time,``, ``Eight years ago,``), not its subject."""
        tokens = self.tokens
        word = tokens[first].lower
        if word in _INTRODUCTIONS or word.endswith("ing"):
            return True
        if comma is None or comma - first > _MAX_INTRODUCTION_TOKENS:
            return False
        if comma == first + 1:
            return _is_link_word(word) or word in _MONTHS_AND_DAYS
        # More than a word, with no name after the first: ``Eight years ago``, ``Most
        # notoriously``.
        return not any(_is_capitalised(t) for t in tokens[first + 1 : comma])

    def _verb_like(self, k: int) -> bool:
        """A lowercase word ending a name's phrase that is no role, plural or hyphen:
        a verb, most likely (``Merkel put``)."""
        token = self.tokens[k]
        word = token.lower
        if _is_capitalised(token) or _is_punct(token):
            return False
        return not (word in ROLE_NOUNS or word.endswith(("s", "self", "selves")) or "-" in word)

    def _through_medium(self, i: int, speaker: tuple[int, int] | None) -> bool:
        """Whether the speaker found for the ``-ing`` cue at ``i`` is only what carried the
        words: ``a statement saying``, ``a cover reading``."""
        tokens = self.tokens
        if speaker is None or i == 0 or not tokens[i].lower.endswith("ing"):
            return False
        last = self._index_at(speaker[1]) - 1  # ``a statement Thursday night condemning``
        return i - last <= 3 and tokens[last].lower in _MEDIA

    def _clause_subject(self, i: int) -> tuple[int, int] | None:
        """The subject of the sentence whose verb ``i`` is, further back than a phrase
        before the cue: ``For months, Obama has been on the sidelines, arguing …``,
        ``Trump, speaking in Charleston, did not mention …``.

        The sentence opens with the subject, or with a phrase of time, place or
        manner and a comma; nothing between the subject and the cue may open
        another clause.
        """
        tokens = self.tokens
        first, _ = self.sentence_tokens[tokens[i].sentence]
        while first < i and (self._is_mark(tokens[first]) or tokens[first].lower in _LEADING_LINKS):
            first += 1
        first = self._after_dateline(first)
        if first >= i:
            return None
        timed = self._opening_time(first, i)
        comma = next((k for k in range(first, i) if tokens[k].text == ","), None)
        if timed > first:
            first = timed  # ``On Sunday Mr. Trump made …, saying``
        elif self._introduces(first, comma):
            if comma is None:
                return None
            first = comma + 1
            # ``On Thursday, after remaining neutral, Warren …``: a second opening phrase.
            comma = next((k for k in range(first, i) if tokens[k].text == ","), None)
            if comma is not None and tokens[first].lower in _INTRODUCTIONS:
                first = comma + 1
        word = tokens[first].lower
        if not (_is_capitalised(tokens[first]) or word in _DETERMINERS or _is_owner(tokens[first])):
            if word not in _NOMINATIVE:
                return None
        if word in _INTRODUCTIONS or word in _FUNCTION_WORDS and word not in _NOMINATIVE:
            return None
        subject = self._np_right(first)
        if subject is None:
            return None
        k = self._index_at(subject[1])
        name_end = first
        while name_end < k and _is_capitalised(tokens[name_end]):
            if _is_owner(tokens[name_end]):
                break
            name_end += 1
        if tokens[first].lower not in _DETERMINERS and first < name_end < k:
            if all(self._verb_like(j) for j in range(name_end, k)):
                # ``Angela Merkel put out …``: the name, not the verb after it
                k = name_end
                subject = (subject[0], tokens[k - 1].end)
        if k - 1 > first and self._present_after_noun(k - 1):
            k -= 1  # ``Lee's letter makes the case``: the verb is no part of the subject
            subject = (subject[0], tokens[k - 1].end)
        if k < len(tokens) and tokens[k].text == "(":
            subject = self._with_appositive(subject)
            k = self._index_at(subject[1])
        if k >= i:
            return None
        for j in range(k, i):
            token = tokens[j]
            if self._quoted_between(token, tokens[k].start, tokens[i].start):
                continue  # ``Lee defended “our values,” saying …``: a phrase in marks
            if token.text in ";:" or self._is_mark(token) or token.lower in _CLAUSE_BREAKERS:
                return None
            if _is_cue_word(token.lower) and not self._after_determiner(j):
                if not _is_capitalised(token):  # ``the Islamic State``: a name
                    return None  # another verb's clause; but ``sounded a rare note``
            if token.lower in SUBJECT_PRONOUNS:
                return None
        return subject

    def _after_determiner(self, j: int) -> bool:
        """Whether token ``j`` follows a determiner and at most two lowercase modifiers:
        a noun (``a rare note``, ``the report``), not a verb. A cue that is as often a
        noun may follow names too (``a Twitter comment``)."""
        tokens = self.tokens
        named = tokens[j].lower in _NOUN_CUES
        for k in range(j - 1, max(-1, j - 4), -1):
            token = tokens[k]
            if token.lower in _DETERMINERS:
                return True
            if token.lower in _FUNCTION_WORDS or not (token.text[:1].islower() or named):
                return False
        return False

    def _after_dateline(self, first: int) -> int:
        """The token after the dateline that opens a sentence at ``first`` (``NEW YORK
        –``, ``ORLANDO, Fla. (Reuters) -``); ``first`` when there is none."""
        tokens = self.tokens
        if not tokens[first].text.isupper():
            return first
        for k in range(first + 1, min(len(tokens) - 1, first + _MAX_DATELINE)):
            token = tokens[k]
            if token.sentence != tokens[first].sentence:
                return first
            if token.text in _DASHES:
                spaced = _SPACED_DASH.match(self.text, token.start - 1) is not None
                return k + 1 if spaced else first
            if not (_is_capitalised(token) or token.text in ",.()"):
                return first
        return first

    def _quoted_between(self, token: _Token, start: int, end: int) -> bool:
        """Whether ``token`` (marks included) is in a quotation that opens and closes
        between ``start`` and ``end``."""
        i = bisect_right(self.quoted_bounds, (token.start, len(self.text) + 1)) - 1
        if i < 0:
            return False
        outer_start, outer_end = self.quoted_bounds[i]
        inside = outer_start <= token.start and token.end <= outer_end
        return inside and start <= outer_start and outer_end <= end and not self.quoted[i].runs_on

    def _sentence_first(self, i: int) -> bool:
        first, _ = self.sentence_tokens[self.tokens[i].sentence]
        return i == first

    def _according_to(self, i: int) -> _Attribution | None:
        tokens = self.tokens
        cue = (tokens[i].start, tokens[i + 1].end)
        speaker = self._np_right(i + 2, free=True)
        if speaker is None:
            return None
        speaker = self._whole_source(i + 2) or speaker
        return _Attribution(
            cue, speaker, (cue[0], speaker[1]), tokens[i].sentence, according_to=True
        )

    def _in_poll(self, i: int) -> _Attribution | None:
        """``Lee leads by 9 points in the latest Fox poll.``, ``In a CBS poll last month,
        Lee led …``: a poll or survey as the source of a finding, ``in`` its cue.

        The poll's head comes within a few words of ``in``, and the source runs on to
        the next punctuation when only a short phrase of when or by whom follows the
        head (``released Monday``), or ends at the head before a word that ends it
        (``in the polls ahead of …``); a head that modifies another noun (``poll
        numbers``) is no source.
        """
        tokens = self.tokens
        j = i + 1
        if j >= len(tokens) or tokens[j].sentence != tokens[i].sentence:
            return None
        stop = min(self._source_end(j), j + _MAX_SOURCE_TOKENS)
        if stop == j or tokens[j].lower in _POLL_NOT_FIRST:
            return None
        if i > 0 and tokens[i - 1].lower in _IN_POLL_NOT_FINDING:
            return None  # ``took part in the survey``: those asked, not what it found
        head = next(
            (k for k in range(j, min(stop, j + _MAX_POLL_WORDS)) if tokens[k].lower in _POLLS), None
        )
        if head is not None and tokens[head].lower == "average":
            head = next(
                (
                    k
                    for k in range(head + 1, min(stop, head + _MAX_POLL_WORDS))
                    if tokens[k].lower in _POLLS
                ),
                None,
            )
        if head is None or any(tokens[k].lower in _POLL_CUTS for k in range(j, head)):
            return None
        if head + 1 < stop:
            if stop - 1 - head <= _MAX_AFTER_POLL and tokens[head + 1].lower in _AFTER_POLL:
                head = stop - 1
            elif tokens[head + 1].lower not in _POLL_CUTS:
                return None  # ``in poll numbers``
        aside = self._poll_aside(stop) if head + 1 == stop else None
        if aside is not None:
            head = aside  # ``In the poll, conducted in May, …``
        cue = (tokens[i].start, tokens[i].end)
        speaker = (tokens[j].start, tokens[head].end)
        return _Attribution(
            cue, speaker, (cue[0], speaker[1]), tokens[i].sentence, according_to=True, poll=True
        )

    def _poll_aside(self, comma: int) -> int | None:
        """The last token of a when or by whom set off by commas after a poll's head
        (``, conducted in May,``), when ``comma`` opens one."""
        tokens = self.tokens
        if comma + 1 >= len(tokens) or tokens[comma].text != ",":
            return None
        if tokens[comma + 1].lower not in _POLL_PARTICIPLES:
            return None
        for k in range(comma + 2, min(len(tokens), comma + 2 + _MAX_POLL_WORDS)):
            if tokens[k].sentence != tokens[comma].sentence:
                return None
            if tokens[k].text == ",":
                return k - 1
        return None

    def _asked(self, i: int) -> _Attribution | None:
        """``Asked whether he would run, Lee said …``, ``…, he said when asked how it
        went.``: the question is reported, by whoever ``by`` names or by nobody.

        ``Asked`` opens its sentence or follows ``when`` (``if``, ``after``, ``once``);
        a few words of time and place, or ``by`` and the asker, may come before the
        question's first word, and the question runs to the next comma or the
        sentence's end.
        """
        tokens = self.tokens
        sentence = tokens[i].sentence
        first, last = self.sentence_tokens[sentence]
        while first < i and self._is_mark(tokens[first]):
            first += 1
        if not (i == first or i > 0 and tokens[i - 1].lower in _ASKED_AFTER):
            return None
        speaker = None
        j = i + 1
        if j <= last and tokens[j].lower == "by":
            speaker = self._np_right(j + 1)
            if speaker is None:
                return None
            j = self._index_at(speaker[1])
        opener = next(
            (
                k
                for k in range(j, min(last, j + _MAX_OBJECT_TOKENS) + 1)
                if tokens[k].lower in _QUESTION_OPENERS
            ),
            None,
        )
        if opener is None or any(_is_punct(t) or self._is_mark(t) for t in tokens[j:opener]):
            return None
        end = opener + 1
        while end <= last and not (_is_punct(tokens[end]) and tokens[end].text not in "-'’"):
            end += 1
        if end - opener < 2 or end <= last and tokens[end].text not in ",.?":
            return None
        cue = (tokens[i].start, tokens[i].end)
        opening = tokens[i - 1].start if i > first else cue[0]  # ``when asked``
        attribution = _Attribution(cue, speaker, (opening, (speaker or cue)[1]), sentence)
        attribution.question = (tokens[opener].start, tokens[end - 1].end)
        return attribution

    def _whole_source(self, j: int) -> tuple[int, int] | None:
        """The source named after ``according to`` up to the next punctuation: a phrase
        with what qualifies it (``the “Fair Pay” report the union released``), less a
        time at its end; None when it runs on past ``_MAX_SOURCE_TOKENS``."""
        tokens = self.tokens
        k = self._source_end(j)
        if k - j > _MAX_SOURCE_TOKENS:
            return None
        end = k
        for m in range(j + 1, k):
            if tokens[m].lower in _TIME_OPENERS and m + self._time_words(m) == k:
                end = m  # ``a report on Wednesday``: the time is not the source's
                break
        while end > j and _is_punct(tokens[end - 1]) and not self._is_mark(tokens[end - 1]):
            end -= 1
        return (tokens[j].start, tokens[end - 1].end) if end > j else None

    def _source_end(self, j: int) -> int:
        """Where a source that opens at token ``j`` stops (exclusive): at the next
        punctuation but a hyphen (``Reuters-Ipsos``), line break or sentence end, looking
        no further than one token past ``_MAX_SOURCE_TOKENS``."""
        tokens = self.tokens
        sentence = tokens[j].sentence
        k = j
        while k < len(tokens) and tokens[k].sentence == sentence and k - j <= _MAX_SOURCE_TOKENS:
            token = tokens[k]
            spaced = token.start > tokens[k - 1].end or (
                k + 1 < len(tokens) and tokens[k + 1].start > token.end
            )
            if token.text in _SOURCE_STOPS and (spaced or token.text not in "-–"):
                break
            if "\n" in self.text[tokens[k - 1].end : token.start]:
                break
            k += 1
        return k

    def _phrase_cue(self, i: int, found: list[_Attribution | None]) -> _Attribution | None:
        """``Lee made it clear that …``, ``Lee expressed concern that …``: a verb and
        the words that make it a cue, then ``that`` and the reported clause."""
        tokens = self.tokens
        j = i + 1
        if tokens[i].lower in _EXPRESS:
            if j < len(tokens) and tokens[j].lower in _POSSESSIVE_PRONOUNS:
                j += 1  # ``expressed his confidence that``
            if j >= len(tokens) or tokens[j].lower not in _EXPRESSED:
                return None
        else:
            if j < len(tokens) and tokens[j].lower == "it":
                j += 1
            if j >= len(tokens) or tokens[j].lower != "clear":
                return None
        k = j + 1
        if k < len(tokens):
            k += self._time_words(k)  # ``made clear Monday that``
        if (
            k >= len(tokens)
            or tokens[k].lower != "that"
            or tokens[k].sentence != tokens[i].sentence
        ):
            return None
        attribution = self._verb(i, quote_only=False)
        if attribution is None:
            return None
        attribution.cue = (tokens[i].start, tokens[j].end)
        if attribution.speaker is None:
            attribution.speaker = self._missing_speaker(i, found)
        if attribution.speaker is not None and attribution.speaker[0] > attribution.cue[0]:
            return None  # ``…, made clear Lee that``: no such order
        opening = attribution.speaker[0] if attribution.speaker else attribution.cue[0]
        attribution.group = (opening, attribution.cue[1])
        attribution.content_from = tokens[k].start
        return attribution

    def _claim_noun(self, i: int) -> _Attribution | None:
        """``Turkey's claim that …``, ``his claim that …``."""
        tokens = self.tokens
        if i + 1 >= len(tokens) or tokens[i + 1].lower != "that" or i == 0:
            return None
        owner = tokens[i - 1]
        cue = (tokens[i].start, tokens[i].end)
        content_from = tokens[i + 1].start
        if owner.lower in _POSSESSIVE_PRONOUNS:
            speaker = (owner.start, owner.end)
        elif _strip_possessive(owner.text) != owner.text and _is_capitalised(owner):
            k = i - 1
            while (
                k > 0
                and _is_capitalised(tokens[k - 1])
                and tokens[k - 1].sentence == owner.sentence
            ):
                k -= 1
            speaker = (tokens[k].start, owner.start + len(_strip_possessive(owner.text)))
        else:
            return None
        return _Attribution(
            cue, speaker, (speaker[0], cue[1]), tokens[i].sentence, content_from=content_from
        )

    def _np_left(self, j: int, possessive: bool = False) -> tuple[int, int] | None:
        """The speaker's noun phrase ending at token ``j`` or just before its auxiliaries."""
        tokens = self.tokens
        if j < 0:
            return None
        sentence = tokens[j].sentence
        last = j
        if not possessive:
            while j >= 0 and tokens[j].sentence == sentence:
                skipped = _skippable_before_cue(tokens, j)
                if not skipped:
                    break
                j -= skipped
        if j < 0 or tokens[j].sentence != sentence:
            return None
        bracket_end = None
        if tokens[j].text == ")":
            opening = self._matching_open(j)
            if opening is None:
                return None
            # ``Sen. Ted Cruz (R-Tex.) said``: the party and state belong to the name.
            bracket_end = tokens[j].end
            j = opening - 1
            if j < 0 or tokens[j].sentence != sentence:
                return None
        if tokens[j].lower in SUBJECT_PRONOUNS:
            return (tokens[j].start, tokens[j].end)
        if tokens[j].lower in _STANDING_ALONE and self._starts_clause(j):
            return (tokens[j].start, tokens[j].end)  # ``Some said``, ``but most say``
        pronoun = _pronoun_of(tokens[j])
        if pronoun is not None:  # ``He’s comparing``: the pronoun without its verb
            return pronoun
        if tokens[j].text == ",":
            return self._appositive_subject(j) or self._sentence_subject(j)
        if tokens[j].text in _DASHES:
            return self._dashed_subject(j)
        if not possessive and self._reduced_relative(j):
            # ``A poll released Monday shows``, ``Officials contacted by phone said``
            head = self._np_left(j - 1, possessive=True)
            if head is not None:
                timed = not any(t.lower in _BEFORE_CUE for t in tokens[j + 1 : last + 1])
                return (head[0], tokens[last if timed else j].end)  # with ``on Monday``
        end = j
        first = None
        count = 0
        while j >= 0 and tokens[j].sentence == sentence and count < _MAX_NP_TOKENS:
            token = tokens[j]
            link = self._count_link(j) if first is not None else 0
            if link:
                j -= link  # ``three in 10``, ``four out of 10``, ``26 percent of voters``
                count += link
                continue
            if token.lower == "and" and first is not None and self._joins_names(j):
                j -= 1  # ``Democrats and civil rights groups``, ``Ann Lee and Tom Park``
                count += 1
                continue
            if first is not None and self._links_people(j):
                j -= 2  # ``sources close to her campaign``, ``people familiar with the talks``
                count += 2
                continue
            modified = None if possessive or first is None else self._modified_noun(j)
            if modified is not None:
                # ``a survey conducted by X found``, ``officials who spoke with X said``:
                # the noun before opens a phrase of its own.
                count = 0
                j = modified
                continue
            if token.lower in _LINKS_LEFT and first is not None:
                left = tokens[j - 1] if j > 0 else None
                if (
                    left is not None
                    and left.sentence == sentence
                    and self._heads(left, token.lower)
                ):
                    j -= 1
                    count += 1
                    continue
                break
            left = tokens[j - 1] if j > 0 and tokens[j - 1].sentence == sentence else None
            if not self._np_word(token, left):
                break
            name_word = _names_before_cue(tokens, j)
            if token.lower == "and" or token.lower in _FUNCTION_WORDS and not name_word:
                break
            first = j
            count += 1
            if token.lower in _DETERMINERS and not self._np_goes_on(j):
                # ``Lee and the council``, ``many of the voters``, ``close to the campaign``
                before = tokens[j - 1].lower if j > 0 else ""
                joined = before == "and" and self._joins_names(j - 1)
                # ``Lee’s most loyal supporters``, ``the party’s other leaders``
                owned = (
                    token.lower in {"most", "other", "many"}
                    and j > 0
                    and (_is_owner(tokens[j - 1]) or tokens[j - 1].lower == "the")
                )
                if not (joined or owned or self._count_link(j - 1) or self._links_people(j - 1)):
                    break
            j -= 1
        if first is None or all(_is_punct(t) for t in tokens[first : end + 1]):
            return None
        while first > 0 and tokens[first - 1].sentence == sentence:
            hedge = self._hedge(first)  # ``About four in 10 voters``, ``at least a dozen``
            if not hedge:
                break
            first -= hedge
        if first > 0 and (tokens[first - 1].lower, tokens[first].lower) == ("at", "least"):
            first -= 1  # ``At least four senators``
        if not possessive:
            first = self._coordinated(first)
            first = self._unclosed_appositive(first, end, last + 1)
        if bracket_end is not None and _is_capitalised(tokens[end]):
            return (tokens[first].start, bracket_end)
        return (tokens[first].start, tokens[end].end)

    def _starts_clause(self, j: int) -> bool:
        """Whether token ``j`` starts its sentence or a clause: after punctuation or a
        link word (``but``, ``and``)."""
        tokens = self.tokens
        if j == 0 or tokens[j - 1].sentence != tokens[j].sentence:
            return True
        return _is_punct(tokens[j - 1]) or tokens[j - 1].lower in _LEADING_LINKS

    def _reduced_relative(self, j: int) -> bool:
        """Whether token ``j`` is a participle describing the noun before it (``a poll
        released``, ``voters surveyed``): a lowercase ``-ed`` word after a poll, a medium
        or a plural."""
        tokens = self.tokens
        word = tokens[j].lower
        if j < 1 or not tokens[j].text[:1].islower() or not word.endswith("ed") or len(word) < 5:
            return False
        if word in ROLE_NOUNS or _is_cue_word(word):
            return False
        noun = tokens[j - 1]
        if noun.sentence != tokens[j].sentence:
            return False
        if not noun.text[:1].islower() and not self._sentence_first(j - 1):
            return False
        plural = _is_plural(noun.lower)
        return noun.lower in _EVIDENCE or noun.lower in _MEDIA or plural

    def _hedge(self, k: int) -> int:
        """How many words before token ``k`` hedge the count or quantity it opens
        (``about``, ``more than``), 0 for none."""
        tokens = self.tokens
        word = tokens[k].lower
        if not (_is_number(tokens[k]) or word in _QUANTIFIERS or word in {"a", "an"}):
            return 0
        if k > 1 and (tokens[k - 2].lower, tokens[k - 1].lower) in _TWO_WORD_HEDGES:
            return 2
        return int(tokens[k - 1].lower in _APPROXIMATORS and word not in {"a", "an"})

    def _count_link(self, j: int) -> int:
        """How many tokens from ``j`` back link a count to what it counts (``in`` in
        ``three in 10``, ``out of``, ``of`` after ``percent`` or a number); 0 for none."""
        tokens = self.tokens
        if j < 1:
            return 0
        if j + 1 >= len(tokens) or not _is_number(tokens[j + 1]):
            word, left = tokens[j].lower, tokens[j - 1].lower
            if word == "of" and (left in _QUANTIFIERS or left.split("-")[-1] in _QUANTIFIERS):
                return 1  # ``26 percent of``, ``many of``, ``three-quarters of``
            return 0
        word, left = tokens[j].lower, tokens[j - 1]
        if word == "in" and _is_number(left):
            return 1
        if word == "of" and (left.lower in _QUANTIFIERS or left.lower in NUMBER_WORDS):
            return 1
        if word == "of" and left.lower == "out" and j >= 2 and _is_number(tokens[j - 2]):
            return 2
        return 0

    def _links_people(self, j: int) -> bool:
        """Whether ``j`` is the preposition of ``close to``, ``familiar with`` or ``briefed
        on`` after a noun for people (``sources close to the campaign``)."""
        tokens = self.tokens
        if j < 2 or tokens[j].lower not in {"to", "with", "on"}:
            return False
        adjective, noun = tokens[j - 1], tokens[j - 2]
        if adjective.lower not in _PEOPLE_LINKS or noun.sentence != tokens[j].sentence:
            return False
        return self._group_noun(noun) or noun.lower.rstrip("s") in {"person", "source"}

    def _joins_names(self, j: int) -> bool:
        """Whether the ``and`` at ``j`` joins two sources: a name or role before it."""
        tokens = self.tokens
        if j < 1 or tokens[j - 1].sentence != tokens[j].sentence:
            return False
        left = tokens[j - 1]
        if left.lower in _NOMINATIVE:
            return True  # ``he and other challengers``
        if not self._np_word(left) or left.lower in _DETERMINERS:
            return False
        if _is_capitalised(left) or left.lower.rstrip("s") in ROLE_NOUNS:
            return True
        # ``…, teachers and union officials said``: a group alone after a comma, and a
        # group after ``and`` (not ``ads, mailers and phone calls``)
        if j < 2 or tokens[j - 2].text != "," or not self._group_noun(left):
            return False
        k = j + 1
        while k + 1 < len(tokens) and self._np_word(tokens[k + 1], tokens[k]):
            k += 1
        return k < len(tokens) and self._group_noun(tokens[k])

    def _group_noun(self, token: _Token) -> bool:
        """A noun for people or polls that ``in`` a place may follow (``voters in Ohio``,
        ``polls in New Hampshire``): a role or a plural, not a name."""
        word = token.lower
        if word in _FUNCTION_WORDS or not self._np_word(token):
            return False
        return word in _GROUP_NOUNS or word.rstrip("s") in ROLE_NOUNS or word.endswith("s")

    def _np_goes_on(self, j: int) -> bool:
        """Whether the phrase opening at ``j`` hangs off ``of``/``for``/... in a longer one
        (``in`` after people or polls: ``farmers in the state``)."""
        tokens = self.tokens
        if j >= 3 and self._modified_noun(j - 1) is not None:
            return True  # ``officials who spoke with the Post``
        if j < 2 or tokens[j - 1].lower not in _LINKS_LEFT:
            return False
        left = tokens[j - 2]
        return left.sentence == tokens[j].sentence and self._heads(left, tokens[j - 1].lower)

    def _heads(self, token: _Token, link: str) -> bool:
        """Whether ``token`` heads a phrase that runs on through the preposition ``link``:
        a group before ``in`` (``voters in Ohio``), a noun after a determiner that opens a
        subject before ``in``, ``on`` or ``by`` (``a page on climate``), else ``_np_head``."""
        determined = not _is_capitalised(token) and self._determined(token)
        if link == "in":
            return self._group_noun(token) or determined
        if link in {"on", "by"}:
            return determined  # ``a page on climate``, ``a 2009 report by the center``
        return self._np_head(token, link)

    def _np_head(self, token: _Token, link: str) -> bool:
        """A word that can head a phrase with ``link`` (``of``, ``for``, ...) after it: a
        role or a name, a noun after a determiner that opens a subject (``a producer for
        Yahoo``), or before ``of`` any noun (``a number of voters``, ``the board of
        elections``, ``much of the media``)."""
        if token.lower in _FUNCTION_WORDS:
            return False
        if link == "of" and token.lower not in _DETERMINERS and self._np_word(token):
            return True
        if not _is_capitalised(token) and self._determined(token):
            return True  # ``a producer for Yahoo``, ``many people at his rallies``
        if token.lower in ROLE_NOUNS or token.lower.rstrip("s") in ROLE_NOUNS:
            return True  # ``a report from``, though ``report`` is a cue too
        if _is_plural(token.text) and token.lower not in _PLURAL_SOURCES:
            return self._np_word(token)  # ``supporters of``, ``advocates for``
        return self._np_word(token) and _is_capitalised(token)

    def _determined(self, token: _Token) -> bool:
        """Whether ``token`` is a noun opened by a determiner, an owner or a number a few
        words before it, with nothing but modifiers between (``an earlier report``)."""
        tokens = self.tokens
        k = self._index_at(token.start)
        if k == 0 or token.lower in _DETERMINERS or not self._np_word(token, tokens[k - 1]):
            return False
        opening = None
        for i in range(k - 1, max(-1, k - 5), -1):
            before = tokens[i]
            if before.sentence != token.sentence:
                break
            if before.lower in _DETERMINERS or _is_owner(before) or _is_number(before):
                opening = i
            elif before.lower != "earlier" and (
                not self._np_word(before) or before.lower in _FUNCTION_WORDS
            ):
                break
        return opening is not None and self._opens_subject(opening)

    def _modified_noun(self, j: int) -> int | None:
        """The noun that the phrase through the preposition at ``j`` describes, by a
        participle (``a survey conducted by``, ``a page posted on``) or a relative clause
        (``officials who spoke with``), or None."""
        tokens = self.tokens
        if tokens[j].lower not in _MODIFIER_LINKS or j < 2:
            return None
        sentence = tokens[j].sentence
        verb = tokens[j - 1]
        if verb.sentence != sentence or not verb.text[:1].islower():
            return None
        if verb.lower in _FUNCTION_WORDS or verb.lower in _DETERMINERS:
            return None
        k = j - 2
        participle = verb.lower in _IRREGULAR_PARTICIPLES or (
            verb.lower.endswith("ed") and len(verb.lower) > 4 and verb.lower not in ROLE_NOUNS
        )
        auxiliary = False
        while k >= 0 and tokens[k].sentence == sentence and j - k <= 5:
            word = tokens[k].lower
            if word in _RELATIVE_AUXILIARIES or (word.endswith("ly") and word not in _LY_NOUNS):
                auxiliary = auxiliary or word in _AUXILIARIES
                k -= 1
                continue
            if word == "who":
                participle = True
                auxiliary = False
                k -= 1
            elif _is_capitalised(tokens[k]) and tokens[j].lower != "by":
                return None  # ``Trump made in 2006``: a name's own verb
            break
        if not participle or auxiliary or k < 0 or tokens[k].sentence != sentence:
            return None  # not ``the description is based on``
        noun = tokens[k]
        if noun.lower in SUBJECT_PRONOUNS or noun.lower in _DETERMINERS:
            return None
        if noun.lower in _FUNCTION_WORDS or not self._np_word(noun) or _is_punct(noun):
            return None
        return k

    def _opens_subject(self, j: int) -> bool:
        """Whether a phrase opening at token ``j`` can be a clause's subject: it starts
        the sentence or follows punctuation, ``and``/``but`` or a subordinator, not a verb."""
        tokens = self.tokens
        if j > 0 and tokens[j - 1].text in "$€£":
            return False  # ``a $40 million lawsuit``: the number is an amount
        if self._starts_clause(j):
            return True
        return tokens[j - 1].lower in _SUBJECT_OPENERS

    def _matching_open(self, j: int) -> int | None:
        sentence = self.tokens[j].sentence
        for k in range(j - 1, max(-1, j - 12), -1):
            if self.tokens[k].sentence != sentence:
                return None
            if self.tokens[k].text == "(":
                return k
        return None

    def _appositive_subject(self, comma: int) -> tuple[int, int] | None:
        """``Podesta, the campaign chairman, said``: the name with its appositive."""
        tokens = self.tokens
        sentence = tokens[comma].sentence
        for k in range(comma - 1, max(-1, comma - _MAX_APPOSITIVE_TOKENS), -1):
            token = tokens[k]
            if token.sentence != sentence or self._is_mark(token):
                return None
            if token.text == ",":
                # ``Sarah Warbelow, legal director for …,``; ``his campaign manager,
                # Jeff Weaver,``: a description after a name, or a name after a role.
                head = self._np_left(k - 1, possessive=True) if k > 0 else None
                # ``One of the authors of that report, Ari Fleischer,``; but not a
                # place (``a retiree in Allentown, Pa.,``).
                named_role = (
                    head is not None
                    and _is_capitalised(tokens[k + 1])
                    and not self._after_place(k)
                    and any(
                        t.lower.rstrip("s") in ROLE_NOUNS
                        for t in tokens[self._index_at(head[0]) : k]
                    )
                )
                if not (self._describes(k + 1) or self._owner_opens(k + 1) or named_role):
                    return None
                if _is_time(tokens[k - 1].lower):
                    return None  # ``The next month, a staffer announced plans …, claiming``
                opening = None if head is None else self.tokens[self._index_at(head[0])]
                # ``“…,” the official, who asked not to be named, said``: ``who`` makes
                # a description that opens the clause a person's.
                person = tokens[k + 1].lower == "who" and self._opens_described(head, k)
                if opening is None or not (
                    _is_capitalised(opening)
                    or person
                    or (named_role and opening.lower in _DETERMINERS)
                ):
                    return None
                return (head[0], tokens[comma - 1].end)
        return None

    def _opens_described(self, head: tuple[int, int] | None, comma: int) -> bool:
        """Whether ``head``, a phrase before ``comma``, is a description (``the
        official``, ``one senior aide``) that opens its sentence or follows a quotation."""
        if head is None:
            return False
        tokens = self.tokens
        first = self._index_at(head[0])
        opening = tokens[first]
        if comma - first < 2 or not (opening.lower in _DETERMINERS or _is_number(opening)):
            return False
        if _is_capitalised(tokens[comma - 1]):
            return False  # a name, which the rules above take or leave
        return self._sentence_first(first) or self._is_mark(tokens[first - 1])

    def _after_place(self, comma: int) -> bool:
        """Whether the words before ``comma`` are a place's name (``in Allentown, Pa.``)."""
        k = comma - 1
        while k >= 0 and _is_capitalised(self.tokens[k]):
            k -= 1
        return k < comma - 1 and k >= 0 and self.tokens[k].lower in _PLACE_PREPOSITIONS

    def _dashed_subject(self, closing: int) -> tuple[int, int] | None:
        """``Joyce — who is an attorney in Illinois — told``: the name before the aside
        that a pair of dashes sets off, when it is a relative clause or a description."""
        tokens = self.tokens
        dash = tokens[closing].text
        if dash == "-" and _SPACED_DASH.match(self.text, tokens[closing].start - 1) is None:
            return None  # ``Ohio-based``
        sentence = tokens[closing].sentence
        for k in range(closing - 1, max(0, closing - _MAX_APPOSITIVE_TOKENS), -1):
            token = tokens[k]
            if token.sentence != sentence or token.text in ";:" or self._is_mark(token):
                return None
            if token.text != dash:
                continue
            if k + 1 == closing or not (
                tokens[k + 1].lower in _RELATIVES or self._describes(k + 1)
            ):
                return None
            head = self._np_left(k - 1, possessive=True)
            if head is None:
                return None
            opening = tokens[self._index_at(head[0])]
            if not (_is_capitalised(opening) or opening.lower in _DETERMINERS):
                return None
            return head
        return None

    def _subject_opening(self, before: int) -> int:
        """Where the subject of token ``before``'s sentence opens: its first token, or the
        token after a quotation that opens it (``“…,” Blunt said``), a link word
        (``But``) or a dateline."""
        tokens = self.tokens
        first, _ = self.sentence_tokens[tokens[before].sentence]
        opening = self._quoted_at(tokens[first].start)
        if opening is not None and opening.outer_end < tokens[before].start:
            # ``“…,” Blunt, after a long pause, said``: the subject follows the quotation.
            first = self._index_at(opening.outer_end)
            if tokens[first].text == ",":
                first += 1
        if tokens[first].lower in _LEADING_LINKS and first + 1 < before:
            first += 1
        return self._after_dateline(first)

    def _coordinated(self, first: int) -> int:
        """Where a subject opening at token ``first`` really opens when it ends a list that
        opens the sentence: ``Neither Cruz nor Christie``, ``three current and former
        employees``, ``labor unions, environmental groups, and many lawmakers``; ``first``
        when it does not."""
        tokens = self.tokens
        joint = first - 1
        if joint < 1 or tokens[joint].lower not in _COORDINATORS:
            return first
        start = self._subject_opening(joint)
        comma = next((k for k in range(start, joint) if tokens[k].text == ","), None)
        if comma is not None and tokens[start].lower in _INTRODUCTIONS:
            start = comma + 1  # ``In separate interviews, three current and former …``
        listed = tokens[joint - 1].text == ","
        words = tokens[start : joint - 1 if listed else joint]
        if (
            not words
            or len(words) > _MAX_NP_TOKENS
            or tokens[first].sentence != tokens[start].sentence
        ):
            return first
        for token in words:
            word = token.lower
            if token.text == "," and listed or token.text in "()" or word in _COORDINATORS:
                continue
            if _is_punct(token) or self._is_mark(token) or _is_cue_word(word):
                return first
            if word in _FUNCTION_WORDS and word != "of" or word in _PAST_VERBS:
                return first
            if word in SUBJECT_PRONOUNS and not (len(words) == 1 and word in _NOMINATIVE):
                return first
            lower = token.text[:1].islower()
            if lower and word.endswith(("ed", "ly", "n't", "n’t")) and word not in ROLE_NOUNS:
                return first  # a verb or an adverb: ``Lee didn't run, and Park said``
        return start

    def _unclosed_appositive(self, first: int, end: int, cue: int) -> int:
        """Where a subject opening at token ``first`` really opens when the sentence's
        subject before it lacks a comma: ``Sam Lau, the party's spokesman said``,
        ``another friend, Mariam Emara told``, ``Ms. Toretti, Mrs. Rao and others said``.

        The phrase before the comma (a name) must open the sentence, and the one from
        ``first`` to ``end`` describe it, go on a list (``and``) or name the place of
        the name's ``of``; ``first`` when not. A description before a name is left
        out: PolNeAR takes ``another friend, Mariam Emara`` but not ``A self-professed
        independent, Cuban``. A comma after the cue (token ``cue``) makes the cue an
        aside: ``Mrs. Lee, analysts said, has``.
        """
        tokens = self.tokens
        comma = first - 1
        if (
            comma < 1
            or tokens[comma].text != ","
            or tokens[comma].sentence != tokens[first].sentence
        ):
            return first
        if cue + 1 < len(tokens) and tokens[cue + 1].text == ",":
            return first
        head = self._np_left(comma - 1, possessive=True)
        if head is None or head[1] != tokens[comma - 1].end:
            return first
        start = self._index_at(head[0])
        if start != self._subject_opening(comma):
            return first
        words = tokens[start:comma]
        if any(_is_time(t.lower) or t.lower in _NOT_SUBJECTS for t in words):
            return first  # ``Last week, officials said``, ``According to the AP, Lee said``
        if words[0].lower.endswith(("ing", "ed")):
            return first  # ``Responding to the ruling, Lee said``
        if len(words) == 1 and self._sentence_first(start):
            return first  # ``Overall, Republicans said``: a capital says nothing here
        if not _is_capitalised(tokens[start]) or tokens[start].lower in _DETERMINERS:
            return first
        listed = any(t.lower == "and" for t in tokens[first : end + 1])
        placed = comma >= 2 and tokens[comma - 2].lower in {"of", "from", "in"} and end - first < 3
        if self._describes(first) or self._owner_opens(first) or listed or placed:
            return start
        return first

    def _sentence_subject(self, comma: int) -> tuple[int, int] | None:
        """``Sandy Phillips, who lost her daughter in Aurora, said``: the phrase that opens
        the sentence, when a comma closes it and only a long aside stands before the cue.

        Asides that describe the subject (``the president of the union``, ``54``) stay
        in the speaker; the first that is a clause (``who …``, ``wearing …``) ends it.
        """
        tokens = self.tokens
        first = self._subject_opening(comma)
        head = self._np_right(first)
        if head is None:
            return None
        if not _is_capitalised(tokens[first]) and tokens[first].lower not in _DETERMINERS:
            return None
        k = self._index_at(head[1])
        if k >= comma or tokens[k].text != "," or comma - k > _MAX_ASIDE_TOKENS:
            return None
        # A cue word in the aside makes it a clause of its own, unless the aside is a
        # participle's (``Lee, speaking to reporters on Tuesday, said``, ``Lee, when
        # asked about it, said``).
        participle = tokens[k + 1].lower.endswith("ing") or self._asked_aside(k + 1)
        for token in tokens[k:comma]:
            if token.text in ";:()" or self._is_mark(token):
                return None
            if _is_cue_word(token.lower) and not participle:
                return None
        end = head[1]
        while k < comma:
            word = tokens[k + 1].lower
            if word in _RELATIVES or word.endswith(("ing", "ed")) and word not in ROLE_NOUNS:
                break
            if word in _ASIDE_OPENERS or word.endswith("ly") and word not in _LY_NOUNS:
                break  # ``Smith, however,``, ``Lee, in an interview,``: not about the subject
            k = next(j for j in range(k + 1, comma + 1) if tokens[j].text == ",")
            end = tokens[k - 1].end
        return (head[0], end)

    def _asked_aside(self, k: int) -> bool:
        """Whether an aside opening at token ``k`` reports a question put to the
        subject: ``asked about …``, ``when asked whether …``."""
        tokens = self.tokens
        if tokens[k].lower in _ASKED_AFTER and k + 1 < len(tokens):
            k += 1
        return tokens[k].lower == "asked"

    def _owner_opens(self, k: int) -> bool:
        """``Tony Blair’s adviser``: a name in the possessive opening an appositive."""
        tokens = self.tokens
        for j in range(k, min(len(tokens), k + 4)):
            if not _is_capitalised(tokens[j]) and tokens[j].text not in {"'s", "’s", "'", "’"}:
                return False
            if _is_owner(tokens[j]) or j > k and tokens[j].text in {"'s", "’s"}:
                return True
        return False

    def _with_appositive(self, speaker: tuple[int, int]) -> tuple[int, int]:
        """``said David Plouffe, the architect of the campaign.``: the name and its appositive.

        The appositive runs to the end of the sentence, so it is taken only there.
        """
        tokens = self.tokens
        k = self._index_at(speaker[1])
        if k < len(tokens) and tokens[k].text == "(":
            closing = next(
                (j for j in range(k, min(len(tokens), k + 10)) if tokens[j].text == ")"), None
            )
            if closing is None:
                return speaker
            speaker, k = (speaker[0], tokens[closing].end), closing + 1
        if k + 1 >= len(tokens) or tokens[k].text != "," or not self._describes(k + 1):
            return speaker
        sentence = tokens[k].sentence
        last = None
        j = k + 1
        while j < len(tokens) and tokens[j].sentence == sentence:
            token = tokens[j]
            if j - k > _MAX_APPOSITIVE_TOKENS:
                return speaker
            if self._is_mark(token):
                return speaker  # a quotation follows: not only an appositive
            if token.text in ";:()" or token.text == "," and self._ends_appositive(j + 1):
                break  # ``, via email``, ``, referring to …``: not part of it
            if not _is_punct(token):
                last = j
            j += 1
        return speaker if last is None else (speaker[0], tokens[last].end)

    def _ends_appositive(self, j: int) -> bool:
        """Whether the words after an appositive's comma at ``j`` are about the quote, not
        the speaker: ``via email``, ``about Comey's statement``, ``adding …``."""
        if j >= len(self.tokens):
            return True
        word = self.tokens[j].lower
        if word in _RELATIVES and j + 1 < len(self.tokens):
            if _is_cue_word(self.tokens[j + 1].lower):
                return True  # ``, who notes that …``: an attribution of its own
        return word in _AFTER_APPOSITIVE or word.endswith("ing") and word not in ROLE_NOUNS

    def _describes(self, j: int) -> bool:
        """Whether an appositive opens at ``j``: ``the``, ``54``, or a role within a few
        words (``advocacy director of …``)."""
        tokens = self.tokens
        if _opens_appositive(tokens[j]) or _PARTY_AND_STATE.match(self.text, tokens[j].start):
            return True  # ``the``, ``54``, ``R-S.C.``
        if tokens[j].lower.endswith("ing") or self._asked_aside(j):
            # ``speaking to reporters``, ``asked by reporters``: what the speaker did or
            # was asked, not who they are
            return False
        for token in tokens[j : j + _ROLE_WITHIN]:
            if _is_punct(token) and token.text not in {"'s", "’s"}:
                return False
            if token.sentence != tokens[j].sentence:
                return False
            word = token.lower
            if word in ROLE_NOUNS or word.rstrip("s") in ROLE_NOUNS or word in _PARTISANS:
                return True
        return False

    def _is_mark(self, token: _Token) -> bool:
        """Whether the token opens or closes a quotation (not an apostrophe)."""
        return token.start in self.marks or token.end - 1 in self.marks

    def _index_at(self, offset: int) -> int:
        return bisect_left(self.starts, offset)

    def _np_word(self, token: _Token, before: _Token | None = None, loose: bool = False) -> bool:
        """Whether ``token`` can be in a speaker's noun phrase, after ``before`` in it."""
        if _is_punct(token):
            if token.text in "-–":
                # ``Ohio-based``; but a spaced dash ends a dateline or an aside
                # (``NEW YORK - Senator Lee said``).
                return before is None or before.end == token.start
            return token.text in "&/"
        word = token.lower
        if _WITH_VERB.search(word):
            return False  # ``they’re``, ``hasn't``: a verb is in the token
        if _is_capitalised(token):
            return word not in _FUNCTION_WORDS or word in _NAME_LIKE or word in _NP_PREPOSITIONS
        if word in _FUNCTION_WORDS and word not in _NP_PREPOSITIONS:
            return False
        after_determiner = before is not None and (
            before.lower in _DETERMINERS or _is_owner(before) or _is_number(before)
        )
        if word in _PLURAL_SOURCES:
            return True  # ``FEC reports show``
        if token.start in self.state_titles:
            return True
        if word in REPORTING_VERBS or word in STANCE_VERBS or word in _PAST_VERBS:
            # ``a report``, ``the group's statement``, ``the Ohio state teachers union``,
            # ``The IG report``, ``the secretary of state``
            named = before is not None and _is_capitalised(before)
            of_state = word == "state" and before is not None and before.lower == "of"
            if after_determiner or of_state or named and (word == "state" or word in _NOUN_CUES):
                return True
            return word in _NOUN_CUES and self._described_after_determiner(token)
        hyphenated = "-" in word or (before is not None and before.text.endswith("-"))
        if (
            word.endswith("ed")
            and word not in ROLE_NOUNS
            and word not in NUMBER_WORDS
            and len(word) > 4
        ):
            # A past verb or participle, unless it describes a noun: ``Angeles-based``,
            # ``the retired surgeon``.
            described = before is not None and before.lower in _DETERMINERS
            return hyphenated or (loose and before is None) or described
        return not word.endswith("ly") or word in _LY_NOUNS

    def _described_after_determiner(self, token: _Token) -> bool:
        """Whether the noun ``token`` follows a determiner and at most two plain words that
        describe it: ``the annual report``, ``a new congressional report``."""
        tokens = self.tokens
        k = self._index_at(token.start)
        for j in range(k - 1, max(-1, k - 4), -1):
            left = tokens[j]
            if left.sentence != token.sentence:
                return False
            if j < k - 1 and (left.lower in _DETERMINERS or _is_owner(left)):
                return True
            plain = left.text.isalpha() and left.text.islower() and not left.lower.endswith("ly")
            if not plain or left.lower in _FUNCTION_WORDS or _is_cue_word(left.lower):
                return False
            if left.lower in _FINITE or left.lower in _PAST_VERBS or left.lower in _HAVE:
                return False
        return False

    def _np_right(self, j: int, loose: bool = False, free: bool = False) -> tuple[int, int] | None:
        """The speaker's noun phrase starting at token ``j`` (``said Mr Hollande``).

        ``loose``: right after a quotation (``“…,” said retired Army Gen. Mick
        Bednarek``), where the phrase may open with any noun or adjective that a name
        or role soon follows. ``free``: after ``according to`` or as ``told``'s
        object, where any word but a function word opens it (``according to exit
        polls``).
        """
        tokens = self.tokens
        if j >= len(tokens):
            return None
        sentence = tokens[j].sentence
        first = tokens[j]
        if first.lower in SUBJECT_PRONOUNS and first.lower not in {"which", "who", "it"}:
            return (first.start, first.end)
        if first.lower in _MONTHS_AND_DAYS:
            return None
        opens = (
            _is_capitalised(first)
            or first.lower in _DETERMINERS
            or first.lower in ROLE_NOUNS
            or _is_number(first)  # ``one of those advisers``, ``two people familiar with …``
        )
        if free and first.lower not in _FUNCTION_WORDS and not _is_punct(first):
            opens = True
        if not opens and not (loose and self._loose_opening(j)):
            return None
        last = None
        k = j
        while k < len(tokens) and tokens[k].sentence == sentence and k - j < _MAX_NP_TOKENS:
            token = tokens[k]
            if token.lower in _NP_PREPOSITIONS and last is not None:
                nxt = tokens[k + 1] if k + 1 < len(tokens) else None
                if nxt is not None and (_is_capitalised(nxt) or nxt.lower in _DETERMINERS):
                    k += 1
                    continue
                if nxt is not None and self._state_noun(k + 1):
                    k += 1  # ``the secretary of state``
                    continue
                break
            if not self._np_word(token, tokens[k - 1] if k > j else None, loose):
                break
            if token.lower in _FUNCTION_WORDS and not self._is_name_word(k):
                break
            if (
                token.lower in _DETERMINERS
                and k > j
                and tokens[k - 1].lower not in _NP_PREPOSITIONS
            ):
                break  # a second phrase, unless a preposition links it: ``close to the …``
            if token.lower in _MONTHS_AND_DAYS and k > j and not self._is_name_word(k):
                break
            last = k
            k += 1
        if last is None:
            return None
        end = tokens[last].end
        return (first.start, end)

    def _loose_opening(self, j: int) -> bool:
        """A lowercase word opening a speaker's phrase that a name or role ends, within a few."""
        tokens = self.tokens
        if tokens[j].lower in _FUNCTION_WORDS or _is_punct(tokens[j]):
            return False
        for k in range(j, min(len(tokens), j + 5)):
            token = tokens[k]
            if token.sentence != tokens[j].sentence or _is_punct(token) and token.text not in "-":
                return False
            if _is_capitalised(token) or token.lower in ROLE_NOUNS:
                return True
            if token.lower in _FUNCTION_WORDS and token.lower not in _NP_PREPOSITIONS:
                return False
        return False

    def _is_name_word(self, k: int) -> bool:
        """``Will`` in ``Will Doyle`` or ``May`` in ``Theresa May``: a capitalised
        function word beside another name word (not a date: ``Lee May 3``)."""
        tokens = self.tokens
        if not _name_like(tokens[k]):
            return False
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        if after is not None and _is_capitalised(after) and not self._sentence_first(k):
            return True
        return (
            k > 0
            and tokens[k - 1].sentence == tokens[k].sentence
            and tokens[k - 1].text.istitle()
            and tokens[k - 1].lower not in _FUNCTION_WORDS
            and not (after is not None and _is_number(after))
        )

    # -- step 3: content ------------------------------------------------------------

    def drafts(self) -> list[_Draft]:
        attributions = self.attributions()
        cue_starts = sorted(a.cue[0] for a in attributions if a.speaker is not None)
        all_cues = sorted(a.cue[0] for a in attributions if not a.poll)
        drafts: list[_Draft] = []
        used: set[int] = set()
        leads: list[_Draft] = []
        by_sentence: dict[int, list[_Attribution]] = {}
        for attribution in attributions:
            by_sentence.setdefault(attribution.sentence, []).append(attribution)

        for attribution in attributions:
            if attribution.question is not None:
                # Only the question is reported: the quotation that follows is the answer.
                speaker, cue = attribution.speaker, attribution.cue
                drafts.append(_Draft(*attribution.question, "indirect", speaker, cue, None, True))
                continue
            direct = self._adjacent_quotes(attribution, used, cue_starts)
            for index in direct:
                quoted = self.quoted[index]
                used.add(index)
                mixed = self._mixed(quoted, attribution)
                if mixed is not None:
                    # ``The failure was “heartbreaking,” she said``, ``he said “no comment”
                    # to the press``: reported speech with a quotation in it.
                    speaker, cue = attribution.speaker, attribution.cue
                    drafts.append(_Draft(*mixed, "indirect", speaker, cue))
                    drafts.append(_Draft(quoted.start, quoted.end, "partial", speaker, cue))
                    continue
                drafts.append(
                    _Draft(
                        quoted.start,
                        quoted.end,
                        "direct",
                        attribution.speaker,
                        attribution.cue,
                    )
                )
            if direct and attribution.speaker is not None:
                opening = min(self.quoted[index].outer_start for index in direct)
                lead = self._interrupted_lead(attribution, opening, all_cues)
                if lead is not None:
                    leads.append(_Draft(*lead, "indirect", attribution.speaker, attribution.cue))
            if direct or attribution.speaker is None:
                continue
            content = self._indirect_content(attribution, by_sentence[attribution.sentence])
            if attribution.quote_only and (
                content is None or not self.text.startswith("that ", content[0])
            ):
                continue
            if content is None and attribution.poll:
                continue  # a poll speaks no quotation
            if content is None:
                # No content, but a quotation that follows may continue this speaker.
                g_start, g_end = attribution.group
                drafts.append(
                    _Draft(g_start, g_end, "anchor", attribution.speaker, attribution.cue)
                )
                continue
            start, end = self._through_quotes(*content)
            if self._used_quotation(start, end, used):
                continue  # ``he said, adding: “…”``: the quotation is the first cue's
            drafts.append(_Draft(start, end, "indirect", attribution.speaker, attribution.cue))
            lead = self._interrupted_lead(attribution, start, all_cues)
            if lead is not None:
                leads.append(_Draft(*lead, "indirect", attribution.speaker, attribution.cue))
            first_inside = bisect_left(self.quoted_bounds, (start, 0))
            for index in range(first_inside, len(self.quoted)):
                quoted = self.quoted[index]
                if quoted.outer_start >= end:
                    break
                if index not in used and quoted.end <= end:
                    used.add(index)
                    drafts.append(
                        _Draft(
                            quoted.start,
                            quoted.end,
                            "partial",
                            attribution.speaker,
                            attribution.cue,
                        )
                    )
        taken = sorted((d.start, d.end) for d in drafts)
        reach = list(accumulate((e for _, e in taken), max))
        drafts.extend(lead for lead in leads if not _overlaps(taken, reach, lead.start, lead.end))
        drafts.extend(self._labelled(used))
        drafts.extend(self._headlined(used, drafts))
        drafts.extend(self._signed(used))
        drafts.extend(self._unattributed(used, drafts))
        drafts = [d for d in drafts if d.kind != "anchor"]
        for draft in drafts:
            if draft.kind != "indirect":
                draft.start, draft.end = _inner(self.text, draft.start, draft.end)
        return [d for d in drafts if _has_words(self.text, d.start, d.end)]

    def _interrupted_lead(
        self, attribution: _Attribution, content_start: int, all_cues: list[int]
    ) -> tuple[int, int] | None:
        """``An economic downturn, he said, would hurt the party``: the words before an
        attribution set off by commas inside the sentence it reports, as a quote of their own
        (``all_cues``: where every attribution's cue starts, in order). A conjunction that
        opens the sentence stays out (``But [the next day], according to Roffman, …``), but
        not before another link word (``[And so], he said, …``).
        """
        g_start, g_end = attribution.group
        speaker = attribution.speaker
        if speaker is None or speaker[0] < g_start:
            return None
        cue_word = self.tokens[self._index_at(attribution.cue[0])].lower
        if cue_word not in REPORTING_VERBS and not attribution.according_to:
            return None
        after = self._index_at(g_end)
        if after + 1 < len(self.tokens) and self.tokens[after].lower in _OBJECT_PRONOUNS:
            after += 1  # ``The solution, the partner told them, was simple``
        if after >= len(self.tokens) or self.tokens[after].text != ",":
            return None
        if content_start < self.tokens[after].end:
            return None
        first, _ = self.sentence_tokens[attribution.sentence]
        lead = self._content_before(attribution, first)
        if lead is None:
            return None
        words = self.tokens[self._index_at(lead[0]) : self._index_at(lead[1])]
        plain = [t for t in words if not _is_punct(t)]
        if not plain:
            return None
        lone = len(plain) == 1
        if lone and _is_link_word(plain[0].lower) and plain[0].lower not in _DEMONSTRATIVES:
            return None  # ``But, he said, …``: a link word is not a quote (``That`` is)
        if any(self._is_mark(token) or token.text in ";:" for token in words):
            return None
        inside = bisect_left(all_cues, lead[0])
        if inside < len(all_cues) and all_cues[inside] < lead[1]:
            return None  # another attribution speaks in these words
        if not lone and plain[0].lower in _LEADING_LINKS and not _is_link_word(plain[1].lower):
            return _trimmed(self.text, plain[0].end, lead[1])
        return lead

    def _mixed(self, quoted: Quoted, attribution: _Attribution) -> tuple[int, int] | None:
        """The whole reported clause when a quotation is only part of it, or None.

        Before the attribution, words of the sentence lead into the quotation
        (``The failure was “heartbreaking,” she said``); after it, the clause goes
        on past the closing mark (``said “I have not heard that” from officials``).
        """
        text = self.text
        k = self._index_at(quoted.outer_start)
        if k >= len(self.tokens):
            return None
        first, last = self.sentence_tokens[self.tokens[k].sentence]
        if quoted.outer_end <= attribution.group[0]:
            line_start = text.rfind("\n", 0, quoted.outer_start) + 1
            start = max(self.tokens[first].start, line_start)
            lead = text[start : quoted.outer_start]
            words = lead.split()
            # A stop, a colon or a dash ends what leads in: ``… unpopularity - his
            # ''negatives,'' he said`` is an aside before the quotation, not its subject.
            if not words or re.search(r"[:;\"“”„«»—–]", lead) or _SPACED_DASH.search(lead):
                return None
            if _has_full_stop(lead):
                return None
            if len(words) == 1:
                # ``Voters “think …,” he said``: a subject leads in, not ``But`` or ``Citing``.
                word = words[0].casefold().strip(",")
                if word in _FUNCTION_WORDS or word in _LEADING_LINKS or word.endswith("ing"):
                    return None
            return (start + len(lead) - len(lead.lstrip()), quoted.outer_end)
        inside = text[quoted.start : quoted.end].rstrip()
        if quoted.runs_on or not inside or inside[-1] in ",.!?;:—–-…":
            return None
        goes_on = _RUNS_ON_LOWER.match(text, quoted.outer_end, quoted.outer_end + 3)
        if goes_on is None:
            return None
        line_end = text.find("\n", quoted.outer_end)
        end = min(self.tokens[last].end, len(text) if line_end < 0 else line_end)
        if end <= quoted.outer_end:
            return None
        end = self._clause_end(quoted.outer_end, end)
        return _trimmed(text, quoted.outer_start, end)

    def _through_quotes(self, start: int, end: int) -> tuple[int, int]:
        """Content that runs into a quotation takes all of it (``said on Monday, “…”``)."""
        for quoted in self._quoted_from(start, end):
            if end < quoted.outer_end:
                line_end = self.text.find("\n", quoted.outer_start)
                if line_end < 0 or quoted.end <= line_end:
                    return start, quoted.end
        return start, end

    def _used_quotation(self, start: int, end: int, used: set[int]) -> bool:
        """Whether ``start``–``end`` is no more than a quotation a draft already has."""
        index = bisect_right(self.quoted_bounds, (start, len(self.text))) - 1
        if index < 0 or index not in used:
            return False
        quoted = self.quoted[index]
        return start >= quoted.outer_start and end <= max(quoted.outer_end, quoted.end)

    def _clause_end(self, start: int, end: int) -> int:
        """Where a reported clause from ``start`` ends, at ``end`` at the latest."""
        i = bisect_left(self.breaks, start)
        return self.breaks[i] if i < len(self.breaks) and self.breaks[i] < end else end

    def _quoted_from(self, start: int, end: int) -> list[Quoted]:
        """The quotations that open in ``start:end``."""
        first = bisect_left(self.quoted_bounds, (start, 0))
        last = bisect_left(self.quoted_bounds, (end, 0))
        return self.quoted[first:last]

    def _labelled(self, used: set[int]) -> list[_Draft]:
        """``Pence: …`` and transcripts' ``WALLACE: …``: a name and a colon, then the words."""
        found = []
        for match in _LABEL.finditer(self.text):
            name_start, name_end = match.span("name")
            if self._inside_quote(name_start, name_end) and not self._opens_quote(name_start):
                continue
            colon = (name_end, name_end + 1)
            stop = _LABEL_END.search(self.text, match.end())
            end = stop.start() if stop else len(self.text)
            span = _trimmed(self.text, match.end(), end)
            if span is None:
                continue
            opened = match.group("mark") != ""
            for index, quoted in enumerate(self.quoted):
                if quoted.outer_start < span[1] and quoted.outer_end > match.start():
                    used.add(index)
            start, stop_at = span
            while stop_at > start and self.text[stop_at - 1] in ALL_MARKS + INLINE_SPACES:
                stop_at -= 1
            kind = "direct" if opened else "indirect"
            found.append(_Draft(start, stop_at, kind, (name_start, name_end), colon))
        return found

    def _headlined(self, used: set[int], drafts: list[_Draft]) -> list[_Draft]:
        """``Council Leader Calls for Review of Bus Fares``: a headline in title case,
        whose cue is capitalised like every other word. The speaker runs from the
        line's start to the cue, the content from the cue to the line's end."""
        text = self.text
        taken = sorted(d.start for d in drafts)
        found = []
        line_start = 0
        while line_start < len(text):
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            line, offset = text[line_start:line_end], line_start
            line_start = line_end + 1
            if len(line) > _MAX_HEADLINE or ":" in line or line.isupper():
                continue
            words = list(_WORD.finditer(line))
            if len(words) < 3 or not _is_title_case([w.group() for w in words]):
                continue
            if bisect_left(taken, offset) < bisect_left(taken, offset + len(line)):
                continue  # the rules found an attribution here already
            for n, word in enumerate(words[1 : _MAX_HEADLINE_SPEAKER + 1], start=1):
                lower = word.group().casefold()
                base = REPORTING_VERBS.get(lower) or STANCE_VERBS.get(lower)
                if base is None or lower.endswith("ing") or not word.group()[:1].isupper():
                    continue
                if self._inside_quote(offset + word.start(), offset + word.end()):
                    continue
                if words[n - 1].group().casefold() in _NOUN_OR_INFINITIVE:
                    continue  # a noun (``The Report``) or an infinitive (``To Say``)
                if lower == base and base in _THAT_ONLY:
                    continue  # as often a noun: ``The Evening Show``, ``Poll Finds``
                if not self._headline_speaker([w.group() for w in words[:n]]):
                    break
                cue_end = word.end()
                particle = _HEADLINE_PARTICLE.match(line, cue_end)
                if particle and particle.group(1).casefold() in _PARTICLES.get(base, ()):
                    cue_end = particle.end()
                content = _trimmed(text, offset + cue_end, offset + len(line))
                speaker = _trimmed(text, offset, offset + word.start())
                if speaker is not None and not _HEADLINE_NAME.fullmatch(text, *speaker):
                    break  # ``Sen. Jane Doe (D-Ore.) — Announced …``: a list, not a headline
                if content is None or speaker is None:
                    break
                cue = (offset + word.start(), offset + cue_end)
                found.append(_Draft(*content, "indirect", speaker, cue))
                index = bisect_left(self.quoted_bounds, (content[0], 0))
                while index < len(self.quoted) and self.quoted[index].outer_start < content[1]:
                    quoted = self.quoted[index]
                    if index not in used:
                        used.add(index)
                        found.append(_Draft(quoted.start, quoted.end, "partial", speaker, cue))
                    index += 1
                break
        return found

    @staticmethod
    def _headline_speaker(words: Sequence[str]) -> bool:
        """Whether a headline's words before its cue can name a speaker: a noun phrase,
        with no auxiliary, adverb or preposition but ``of`` and ``for`` (``Ministers May
        Soon Urge``, ``Lenders Quietly Reject``)."""
        for word in words:
            lower = word.casefold()
            if lower in _AUXILIARIES or lower in _NOT_IN_HEADLINE_SPEAKERS:
                return False
            if lower.endswith("ly") and len(lower) > _MAX_LY_NAME:
                return False
        return True

    def _signed(self, used: set[int]) -> list[_Draft]:
        """``“…” ― Pamela Padilla``: a quotation signed with a dash and a name."""
        found = []
        for index, quoted in enumerate(self.quoted):
            if index in used:
                continue
            dash = _SIGNATURE.match(self.text, quoted.outer_end)
            if dash is None:
                continue
            k = self._index_at(dash.end())
            if k >= len(self.tokens) or not _is_capitalised(self.tokens[k]):
                continue
            name = self._np_right(k)
            if name is None:
                continue
            used.add(index)
            cue = (
                dash.end() - len(dash.group().lstrip()),
                dash.end() - len(dash.group()) + len(dash.group().rstrip()),
            )
            found.append(
                _Draft(quoted.start, quoted.end, "direct", self._with_appositive(name), cue)
            )
        return found

    def _opens_quote(self, at: int) -> bool:
        """Whether ``at`` is the first word inside a quotation mark."""
        return any(q.start <= at <= q.start + 1 for q in self.quoted)

    def _adjacent_quotes(
        self, attribution: _Attribution, used: set[int], cue_starts: list[int]
    ) -> list[int]:
        """Quotations right before or after the cue and speaker (``cue_starts``: where
        the cues with a speaker start, in order)."""
        text = self.text
        start, end = attribution.group
        # Each quotation found, with the gap between the cue and it when it follows.
        found: list[tuple[int, str | None]] = []
        before = bisect_right(self.quoted_bounds, (start, 0)) - 1
        # ``Lee defended “our values,” saying …``: a participle reports what follows it.
        participle = start == attribution.cue[0] and text[start : attribution.cue[1]].endswith(
            "ing"
        )
        if before >= 0 and before not in used and not participle:
            gap = text[self.quoted[before].outer_end : start]
            content = text[self.quoted[before].start : self.quoted[before].end].rstrip()
            # “…ended.” Smith added, “…”: a full stop gives the quote to the speaker before.
            if _is_joint(gap) and not content.endswith("."):
                found.append((before, None))
        after = bisect_left(self.quoted_bounds, (end, 0))
        if after < len(self.quoted) and after not in used:
            gap = text[end : self.quoted[after].outer_start]
            # ``When asked whether …, he said: “…”``: a later cue with a speaker takes
            # the quotation (but not the ``saying`` of ``She replied by saying, “…”``).
            later = bisect_left(cue_starts, end)
            between = later < len(cue_starts) and cue_starts[later] < end + len(gap)
            if _is_joint(gap) or _is_colon_lead(gap) and not between or _LINK.fullmatch(gap):
                found.append((after, gap))
        return [i for i, gap in found if not self._titled(self.quoted[i], gap)]

    def _titled(self, quoted: Quoted, gap: str | None) -> bool:
        """Whether a quotation beside a cue is a title, not speech; ``gap`` is what
        stands between the cue and a quotation after it, None for one before it.

        One that opens its sentence before the cue with a comma inside is speech
        (``“Absolutely,” he said``), and so is one that ends a sentence right after the
        cue and a colon or a comma (``replied: “Never.”``; but ``wrote in his memoir,
        “An American Son.”``, ``his recent reads, “This Kind of War,” by …``)."""
        content = self.text[quoted.start : quoted.end]
        if not _is_title(content):
            return False
        if gap is not None:
            ending = content.rstrip().endswith((".", "!", "?"))
            return not (ending and gap.strip() in {":", ","})
        if not content.rstrip().endswith(","):
            return True
        opening = self._index_at(quoted.outer_start)
        return opening != self.sentence_tokens[self.tokens[opening].sentence][0]

    def _indirect_content(
        self, attribution: _Attribution, neighbours: list[_Attribution]
    ) -> tuple[int, int] | None:
        tokens = self.tokens
        first, last = self.sentence_tokens[attribution.sentence]
        # Content stays in the attribution's paragraph (stanza may join a headline to it).
        line_start = self.text.rfind("\n", 0, attribution.group[0]) + 1
        line_end = self.text.find("\n", attribution.group[1])
        line_end = len(self.text) if line_end < 0 else line_end
        first = max(first, self._index_at(line_start))
        sentence_end = min(tokens[last].end, line_end)
        # Another attribution later in the sentence ends this one's content; the next
        # few are enough, and looking no further keeps a long run of cues linear.
        later = bisect_right([other.cue[0] for other in neighbours], attribution.group[1])
        for other in neighbours[later : later + _MAX_NEIGHBOURS]:
            boundary = self._clause_start(other, after=attribution.group[1])
            if boundary is not None and not self._reported_after(
                attribution, other, boundary, sentence_end
            ):
                sentence_end = min(sentence_end, boundary)
                break
        sentence_end = self._aside_end(attribution, sentence_end)
        if attribution.content_from is not None:
            return _trimmed(self.text, attribution.content_from, sentence_end)
        after = self._index_at(attribution.group[1])
        tail = self._tail(after, last, sentence_end)
        if attribution.poll:
            return self._poll_finding(attribution, first, tail, sentence_end, neighbours)
        if attribution.according_to:
            if tail and tail[0].text == ",":
                return _trimmed(self.text, tail[0].end, sentence_end)
            return self._content_before(attribution, first)
        cue_word = self.tokens[self._index_at(attribution.cue[0])].lower
        verb = REPORTING_VERBS.get(cue_word)
        if attribution.quote_only and cue_word in QUOTE_ONLY_VERBS:
            verb = "say"  # ``joked to reporters that …``: a ``that`` clause, as after ``said``
        stance = cue_word in STANCE_VERBS and verb is None
        # ``wants to``, ``promised to``: an infinitive, not a place or a listener.
        infinitive = (stance or verb in _WITH_INFINITIVE) and tail and tail[0].lower == "to"
        if self._is_tail(tail) and not infinitive:
            return self._content_before(attribution, first)
        if verb == "tell" and self._object_then_tail(after, last, sentence_end):
            return self._content_before(attribution, first)  # ``…, Lee told the BBC.``
        j = after
        if j <= last and tokens[j].text in ",:":
            j += 1
        if verb is not None:
            j = self._skip_to_clause(j, last, verb)
        if j > last or tokens[j].start >= sentence_end:
            return None
        if verb in _THAT_ONLY | _OBJECT_FIRST and tokens[j].lower not in _CLAUSE_OPENERS:
            # After a comma, ``shows`` and ``states`` are as often nouns: ``their old
            # shows, the allure is …``.
            evidence = verb in _SHOWING and self._is_evidence(attribution.speaker)
            # ``Such a move, they believe, would fail``: the clause the aside interrupts.
            aside = verb in _THINKING and tokens[after].text == ","
            # ``The solution, the partner told them, was simple``: after the object.
            told = verb in _OBJECT_FIRST and j - 1 > after and tokens[j - 1].text == ","
            aside = aside or told
            aside = aside and self._set_off(attribution, first)
            expected = verb in _OBJECT_INFINITIVE and self._object_then_to(j, last)
            if not (evidence or aside or expected) and not self._opens_clause(
                j, phrase=tokens[after].text != ","
            ):
                return None
        start = tokens[j].start
        return _trimmed(self.text, start, self._clause_end(start, sentence_end))

    def _object_then_to(self, j: int, last: int) -> bool:
        """Whether a noun phrase at token ``j`` and then ``to`` come next: the object
        and the infinitive that ``expect`` or ``urge`` report (``expect the agency to
        act``, ``urged him to resign``)."""
        tokens = self.tokens
        if tokens[j].lower in {"that", "to"}:
            return False
        if j < last and tokens[j + 1].lower == "to":
            return tokens[j].lower in _OBJECT_PRONOUNS or self._np_word(tokens[j], None)
        obj = self._np_right(j, loose=True)
        if obj is None:
            return False
        k = self._index_at(obj[1])
        return k <= last and tokens[k].lower == "to"

    def _reported_after(
        self, attribution: _Attribution, other: _Attribution, comma: int, end: int
    ) -> bool:
        """Whether ``other``, a later attribution whose clause opens at ``comma``, is
        what ``attribution`` reports after its comma (``Even then, he said, he believes
        the plan will fail``), not a clause of its own (``the report, which notes …``)."""
        text = self.text
        if text[comma] != "," or text[attribution.group[1] : comma].strip():
            return False
        if other.speaker is None:
            return False
        if self.tokens[self._index_at(other.speaker[0])].lower in _RELATIVES:
            return False
        # ``Lee reported, his wife whispered: “…”``: the later cue leads a quotation.
        return not any(
            text[comma : quoted.outer_start].rstrip()[-1:] in ",:"
            for quoted in self._quoted_from(comma + 1, end)
        )

    def _set_off(self, attribution: _Attribution, first: int) -> bool:
        """Whether an attribution's speaker, before its cue, follows a comma after the
        first word of its sentence (token ``first``): ``Such a move, they believe,``."""
        if attribution.speaker is None or attribution.speaker[1] > attribution.cue[0]:
            return False
        k = self._index_at(attribution.speaker[0])
        return k - 1 > first and self.tokens[k - 1].text == ","

    def _aside_end(self, attribution: _Attribution, end: int) -> int:
        """Where the content of a cue in an aside ends: ``The senator, who said he
        opposed it, voted no``: at the comma before the sentence's own verb (or at the
        dash that closes the aside), else at ``end``."""
        if attribution.speaker is None:
            return end
        tokens = self.tokens
        k = self._index_at(attribution.speaker[0])
        if k == 0 or tokens[k].lower not in {"who", "which"}:
            return end
        opening = tokens[k - 1].text
        if opening not in {",", "—", "–", "--"}:
            return end
        verb = False  # whether the reported clause has its verb yet
        for j in range(self._index_at(attribution.cue[1]), len(tokens) - 1):
            token = tokens[j]
            if token.start >= end:
                break
            if opening != "," and token.text == opening:
                return token.start
            if opening == "," and token.text == ",":
                if self._opens_predicate(j + 1):
                    return token.start
                if not verb:
                    # ``who said that Lee, under fire, would quit``: a clause with no
                    # verb yet goes on past its own aside
                    return end
            word = token.lower
            verb = verb or word in _AUXILIARIES or word in _PAST_VERBS or word.endswith("ed")
        return end

    def _opens_predicate(self, j: int) -> bool:
        """Whether token ``j``, after a comma, looks like the verb of the sentence's
        own predicate (``will``, ``voted``), not a word that goes on a clause (``the``,
        ``behind``, ``if``, ``saying``)."""
        word = self.tokens[j].lower
        if word in _AUXILIARIES:
            return True
        return (
            self._verb_like(j)
            and word not in _FUNCTION_WORDS
            and word not in _DETERMINERS
            and word not in SUBJECT_PRONOUNS
            and word not in _OBJECT_PREPOSITIONS | _MORE_PREPOSITIONS
            and not word.endswith("ing")
        )

    def _poll_finding(
        self,
        attribution: _Attribution,
        first: int,
        tail: list[_Token],
        end: int,
        neighbours: list[_Attribution],
    ) -> tuple[int, int] | None:
        """What a poll found: the clause after ``In the poll,`` when it opens the
        sentence, or the clause before ``in the poll`` when only the sentence's end
        or a time follows it. That clause starts after an opening phrase set off by a
        comma (``In March, Lee had …``), a colon, or ``where``; it is no finding when
        it is a subordinate or relative clause (``While Lee trails in the polls, …``),
        holds another attribution's cue (``Lee says he is rising in the polls``) or is
        a possessive's (``his rise in the polls``)."""
        tokens = self.tokens
        g_start = attribution.group[0]
        opening = self._index_at(g_start)
        if opening > first and tokens[opening - 1].lower in _LEADING_LINKS:
            opening -= 1
        if opening == first:
            if tail and tail[0].text == ",":
                return _trimmed(self.text, tail[0].end, end)
            return None
        _, last = self.sentence_tokens[attribution.sentence]
        after = self._index_at(attribution.group[1])
        if after < last and tokens[after].text == ",":
            return None  # ``Lee trails in the polls, his aide said``: the aide's words
        if any(not _is_punct(t) for t in tail) and not self._is_tail(tail):
            return None
        start = self._subject_opening(opening)
        line_start = self.text.rfind("\n", 0, g_start) + 1
        while start < opening and tokens[start].start < line_start:
            start += 1
        for k in range(start, opening):
            word = tokens[k].lower
            if tokens[k].text in ":;" or (
                word == "where" and k > start and tokens[k - 1].text == ","
            ):
                start = k + 1
            elif k == start and (word in _NOT_SUBJECTS or word in _ASIDE_OPENERS):
                comma = next((m for m in range(k, opening) if tokens[m].text == ","), None)
                if comma is None or comma - k > _MAX_INTRODUCTION_TOKENS:
                    return None
                start = comma + 1
        words = tokens[start:opening]
        if not words or (len(words) >= 2 and _is_owner(tokens[opening - 2])):
            return None
        if any(t.lower in _SUBORDINATORS for t in words):
            return None
        if any(words[0].start <= other.cue[0] < g_start for other in neighbours):
            return None
        if sum(not _is_punct(t) for t in words) < _MIN_FINDING_WORDS:
            return None  # ``anyway in the polls``
        return _trimmed(self.text, tokens[start].start, g_start)

    def _is_evidence(self, speaker: tuple[int, int] | None) -> bool:
        """Whether a speaker is a poll, a study or a record, whose object is its finding
        (``A poll showed Lee leading``)."""
        if speaker is None:
            return False
        first, k = self._index_at(speaker[0]), self._index_at(speaker[1]) - 1
        tokens = self.tokens
        after_head = next(
            (
                m
                for m in range(first + 1, k + 1)
                if self._reduced_relative(m) or tokens[m].lower in _AFTER_EVIDENCE
            ),
            None,
        )
        if after_head is not None:
            k = after_head - 1  # ``a poll released on Monday``, ``The poll by Gallup``
        return tokens[k].lower in _EVIDENCE

    def _opens_clause(self, j: int, phrase: bool = True) -> bool:
        """``he would``, ``it was``: a subject pronoun, so a clause without ``that``;
        with ``phrase``, a noun phrase before an auxiliary too (``the plant would``)."""
        tokens = self.tokens
        word = tokens[j].lower
        if word in _NOMINATIVE or _CONTRACTED.fullmatch(word):
            return True
        following = tokens[j + 1].lower if j + 1 < len(tokens) else ""
        if word in {"it", "there"} and following in _AUXILIARIES:
            return True
        return phrase and self._subject_then_auxiliary(j)

    def _subject_then_auxiliary(self, j: int) -> bool:
        """``the plant would``, ``Mr. Cruz was``: a noun phrase, then an auxiliary."""
        tokens = self.tokens
        if not (_is_capitalised(tokens[j]) or tokens[j].lower in _DETERMINERS):
            return False
        sentence = tokens[j].sentence
        for k in range(j + 1, min(len(tokens), j + _MAX_OBJECT_TOKENS)):
            token = tokens[k]
            if token.sentence != sentence or token.lower in SUBJECT_PRONOUNS:
                return False
            if token.lower in _AUXILIARIES and token.lower not in {"'s", "’s"}:
                return True
            quoted = k + 1 < len(tokens) and self._opens_quote(tokens[k + 1].start)
            if quoted and self._is_mark(token) and tokens[k + 1].lower in _AUXILIARIES:
                return True  # ``told reporters the plan “will never work”``
            if self._past_after_noun(k, j) or self._present_after_noun(k):
                return True  # ``told the BBC his party worked …``, ``claims Lee runs a …``
            if token.lower == "and" and k + 1 < len(tokens):
                after = tokens[k + 1]
                if _is_capitalised(after) or after.lower in _DETERMINERS:
                    continue  # ``stated Clinton and her team were …``: one subject
            if token.lower in _DETERMINERS and tokens[k - 1].lower not in _INSIDE_PHRASE:
                return False  # a second phrase: ``told the crowd the …``
            if token.lower not in _INSIDE_PHRASE and not self._np_word(token, tokens[k - 1]):
                return False
            if _is_cue_word(token.lower) or self._is_mark(token):
                return False
        return False

    def _past_after_noun(self, k: int, j: int) -> bool:
        """Whether token ``k`` is a past verb after the noun phrase opening at ``j``: a
        lowercase ``-ed`` word after the phrase's noun (not ``the embattled mayor``)."""
        return k >= j + 2 and self.tokens[k].lower.endswith("ed") and self._after_noun(k)

    def _present_after_noun(self, k: int) -> bool:
        """Whether token ``k`` is a present verb after a noun phrase: a lowercase ``-s``
        word after the phrase's last word, with an object, a name or ``to`` after it
        (``Lee runs a``, ``Clinton leads Sanders``, ``the plan costs too``), where a
        plural noun seldom stands (``the party's reforms the``)."""
        word = self.tokens[k].lower
        if k + 1 >= len(self.tokens) or len(word) < 4 or not word.endswith("s"):
            return False
        if word.endswith(("ss", "us", "is", "'s", "’s")):
            return False
        following = self.tokens[k + 1]
        if following.lower not in _DETERMINERS | _OBJECTS_AFTER_VERB:
            if not _is_capitalised(following):
                return False
        return self._after_noun(k)

    def _after_noun(self, k: int) -> bool:
        """Whether token ``k``, a lowercase word and no role, follows a noun phrase's word
        (not an owner, a determiner or punctuation), as a verb after its subject does."""
        tokens = self.tokens
        token, before = tokens[k], tokens[k - 1]
        if k < 1 or not token.text[:1].islower() or token.lower in ROLE_NOUNS:
            return False
        if _is_owner(before) or before.lower in _DETERMINERS or _is_punct(before):
            return False
        return self._np_word(before, tokens[k - 2] if k >= 2 else None)

    def _clause_start(self, other: _Attribution, after: int) -> int | None:
        """Where a later attribution's clause begins: the comma before its speaker or cue.

        Its speaker may have started before ``after`` (``Graham, who says …, tweeted``):
        then the comma before its cue.
        """
        if other.poll:
            return None  # ``Lee said she leads, in the latest poll``: part of the content
        opening = other.group[0] if other.group[0] > after else other.cue[0]
        if other.question is not None and opening > after:
            return opening  # ``Lee said it went well when asked how it went``
        j = self._index_at(opening) - 1
        if j >= 0 and self.tokens[j].lower in {"and", "but"}:
            j -= 1  # ``said X and added Y``
            if j < 0 or self.tokens[j].text not in ",;—–":
                return self.tokens[j + 1].start
        if j >= 0 and self.tokens[j].text in ",;—–":
            return self.tokens[j].start
        return None

    def _tail(self, after: int, last: int, end: int) -> list[_Token]:
        """The tokens from ``after`` to the content's ``end``, up to the ninth word."""
        tail: list[_Token] = []
        words = 0
        for k in range(after, last + 1):
            token = self.tokens[k]
            if token.end > end or words > _TAIL_WORDS:
                break
            tail.append(token)
            words += not _is_punct(token)
        return tail

    def _is_tail(self, tail: list[_Token]) -> bool:
        """Whether what follows a cue is only the sentence's end and a time or place."""
        words = [t for t in tail if not _is_punct(t)]
        if not words:
            return True
        if tail[0].text == "," and words[0].lower.endswith("ing"):
            return True  # ``…, Nefzi said, adding …``: the content came before
        if self._time_clause(tail, words):
            return True
        if len(words) > _TAIL_WORDS or any(t.lower == "that" for t in words):
            return False
        if any(t.lower in _AUXILIARIES or _CONTRACTED.fullmatch(t.lower) for t in words):
            return False  # ``said Wednesday the deal was dead``: a clause, not a time
        k = self._index_at(words[0].start)
        step = self._time_words(k)
        if step and k + step < len(self.tokens) and self.tokens[k + step].lower in _NOMINATIVE:
            return False  # ``said Wednesday she wants an inquiry``: the clause's subject
        # ``responded quickly``, ``responded angrily within minutes``: how, then when
        while words and _is_manner(words[0].lower):
            words = words[1:]
        return not words or words[0].lower in _TAIL_STARTS | _TAIL_ONLY_STARTS

    def _time_clause(self, tail: list[_Token], words: list[_Token]) -> bool:
        """Whether a cue's tail is a clause of when it was said, to the sentence's end:
        ``…, Lee said as he left the hall`` (or, after ``told``'s object, ``…, Lee told
        reporters while he waited``); not ``said when he wins, taxes will fall``."""
        if len(words) < 3 or words[0].lower not in _TIME_CLAUSE_OPENERS:
            return False
        if words[1].lower not in SUBJECT_PRONOUNS and not (
            # ``as Obama spoke``; not ``identified him as Syed Farook``
            _is_capitalised(words[1]) and any(_is_verb_like(t.lower) for t in words[2:5])
        ):
            return False
        # ``have not said when they would vote``: a reported question, not a time
        return not any(t.text in ",;:" or t.lower in _NOT_IN_TIME_CLAUSE for t in tail)

    def _object_then_tail(self, after: int, last: int, end: int) -> bool:
        """Whether only an object, then the sentence's end or a time, follows a cue,
        from token ``after`` on (``told The New York Times on Monday.``)."""
        found = self._np_right(after, free=True)
        if found is None:
            return False
        k = self._index_at(found[1])
        return self._is_tail(self._tail(k, last, end))

    def _content_before(self, attribution: _Attribution, first: int) -> tuple[int, int] | None:
        j = self._index_at(attribution.group[0]) - 1
        if j < first or self.tokens[j].text not in ",—–-:":
            return None
        start = self.tokens[first].start
        line_start = self.text.rfind("\n", 0, self.tokens[j].start) + 1
        return _trimmed(self.text, max(start, line_start), self.tokens[j].start)

    def _skip_to_clause(self, j: int, last: int, verb: str | None) -> int:
        """Skip a ``tell``'s object and leading time words: ``told reporters on Monday that``."""
        tokens = self.tokens
        if j <= last:
            medium = _MEDIUM.match(self.text, tokens[j].start)
            if medium is not None and self._index_at(medium.end()) <= last:
                j = self._index_at(medium.end())  # ``said in a statement (that) …``
        window = 8 if verb in _THAT_ONLY else 14 if verb in _OBJECT_FIRST else 10
        for k in range(j, min(last + 1, j + window)):
            if tokens[k].lower == "that":
                between = tokens[j:k]
                if self._leads_to_that(between, verb):
                    return k
                break
            if tokens[k].text in ";:" or tokens[k].text[-1:] in ALL_MARKS:
                break
            if verb == "ask" and tokens[k].lower in _QUESTION_OPENERS:
                break  # ``asked if the deployments meant that``: the question opens first
        if verb in _OBJECT_FIRST and j <= last:
            opener = self._after_object(j, last, question=verb == "ask")
            if opener is not None:
                return opener
            if verb in _OBJECT_INFINITIVE and self._object_then_to(j, last):
                return j  # ``urged the council to vote``: PolNeAR takes the object in
            obj = self._np_right(j, loose=True)  # ``asked former Gov. Lee whether``
            if obj is not None and tokens[j].lower not in {"that", "to"}:
                j = self._index_at(obj[1])
            elif tokens[j].lower in _OBJECT_PRONOUNS:
                j += 1  # ``told him, …``
        while j <= last:
            step = self._time_words(j)
            if not step:
                break
            j += step
        if j <= last and tokens[j].text == ",":
            j += 1
        return j

    def _opening_time(self, first: int, end: int) -> int:
        """The first token after a time that opens a phrase at ``first`` with no comma
        after it, when a subject opens there before token ``end`` (``On Sunday Mr.
        Trump``, ``In 2008 Hillary Clinton``, ``Earlier this month the senator``);
        ``first`` when there is none. A month or a year alone may be a name or a
        modifier (``April Mellody``, ``2013 FOIA requests``)."""
        tokens = self.tokens
        k = first
        led = tokens[k].lower in _TIME_LEADS
        k += led
        modifiers = 0
        while k < end and tokens[k].lower in _TIME_MODIFIERS:
            k += 1
            modifiers += 1
        if k >= end:
            return first
        word = tokens[k].lower
        dated = (led or modifiers) and (word in _MONTHS_AND_DAYS or _YEAR.fullmatch(word))
        if not (word in _WEEKDAYS or modifiers and word in _PERIODS or dated):
            return first
        k += 1
        while k < end and (tokens[k].lower in _PERIODS or tokens[k].text.isdigit()):
            k += 1  # ``Sunday morning``, ``June 1``
        if k >= end or not (_is_capitalised(tokens[k]) or tokens[k].lower in _DETERMINERS):
            return first
        return k

    def without_opening_time(self, span: tuple[int, int]) -> tuple[int, int]:
        """A speaker's phrase without a time that opens it (``On Sunday Mr. Trump said``:
        ``Mr. Trump``)."""
        tokens = self.tokens
        first = self._index_at(span[0])
        if first == len(tokens) or tokens[first].start != span[0]:
            return span
        end = self._index_at(span[1])
        k = self._opening_time(first, end)
        before = first - 1
        if k == first and before >= 0 and tokens[before].sentence == tokens[first].sentence:
            # ``In 2008 Hillary Clinton said``: the preposition stayed out of the phrase.
            if tokens[before].lower in _TIME_LEADS:
                k = max(first, self._opening_time(before, end))
        return span if k == first else (tokens[k].start, span[1])

    def _time_words(self, j: int) -> int:
        """How many tokens of a time open at ``j`` (``Wednesday``, ``on Monday``, ``last
        week``, ``Tuesday night``), 0 for none."""
        tokens = self.tokens
        word = tokens[j].lower
        following = tokens[j + 1].lower if j + 1 < len(tokens) else ""
        if word in _MONTHS_AND_DAYS:
            return 2 if following in _PERIODS else 1
        if word == "on" and following in _MONTHS_AND_DAYS:
            return 2
        if word in {"last", "this", "earlier", "later"} and following in _PERIODS:
            return 2
        return 0

    def _after_object(self, j: int, last: int, question: bool = False) -> int | None:
        """Where the clause after a ``tell``'s object opens (``told reporters he``,
        ``told reporters the plan would``, ``told the crowd on Monday that``), when only
        the object's words and a time stand before it; None otherwise. ``question``:
        after ``ask``, where the question's first word opens it (``asked workers if``)."""
        tokens = self.tokens
        for k in range(j, min(last + 1, j + _MAX_OBJECT_TOKENS + 1)):
            token = tokens[k]
            if question and k > j and token.lower in _QUESTION_OPENERS:
                return k
            # ``told reporters he …``, ``told reporters the plan would …``
            phrase = token.lower in _DETERMINERS
            if k > j and (token.lower == "that" or self._opens_clause(k, phrase=phrase)):
                return k
            if token.lower in _NOT_OBJECT or token.lower in SUBJECT_PRONOUNS:
                return None  # ``asked him how …``, ``asked for it because …``: not a clause
            if _is_punct(token) and token.text not in "-–" or self._is_mark(token):
                return None
            if token.lower in _AUXILIARIES:
                return None
            if _is_cue_word(token.lower) and not _is_capitalised(token):
                return None  # but ``told The Washington Post he …``
        return None

    def _leads_to_that(self, between: list[_Token], verb: str | None) -> bool:
        """Whether the words between a cue and ``that`` only lead to its clause.

        They do when they are an object (``told reporters``) or a time or place
        (``said on Monday``), not a clause with its own subject (``said he
        worked on a bill that``).
        """
        if any(t.text in ".;:" or self._is_mark(t) or t.lower in SUBJECT_PRONOUNS for t in between):
            return False
        for before, token in zip(between, between[1:], strict=False):
            if before.lower != "to" or not token.text[:1].islower():
                continue
            if token.lower not in _DETERMINERS:
                return False  # ``pledged to stay through that contest``: an infinitive
        if not between or verb in _OBJECT_FIRST:
            return True
        words = [t.lower for t in between if t.text != ","]
        if len(words) < len(between) and all(w.endswith("ly") or w in _ASIDES for w in words):
            # ``added, though, that``, ``revealed, somewhat stiltedly, that``: only
            # words set off by commas
            return bool(words)
        first = words[0] if words else ""
        return first in _TAIL_STARTS or first.endswith("ly") or first in _BEFORE_THAT

    def _unattributed(self, used: set[int], drafts: list[_Draft]) -> list[_Draft]:
        """Quotations no cue is beside: continued speech, speech with no source, or nothing."""
        text = self.text
        found: list[_Draft] = []
        previous = sorted(drafts, key=_reach)
        reaches = [_reach(d) for d in previous]
        for index, quoted in enumerate(self.quoted):
            if index in used:
                continue
            # The attributed quote ending last before this one: drafts found here come in
            # text order, so only the newest can beat the best of the earlier ones.
            i = bisect_right(reaches, quoted.outer_start)
            earlier = [previous[i - 1]] if i else []
            if found and _reach(found[-1]) <= quoted.outer_start:
                earlier.append(found[-1])
            last = max(earlier, key=_reach) if earlier else None
            if last is not None and last.cue is not None:
                last = _holding(last, previous[max(0, i - _HOLDERS) : i], text) or last
            if last is not None and last.question and last.speaker is None:
                # ``“…,” Lee said when asked about the plan. “…”``: the question put to
                # the speaker stands between the two quotations.
                last = _asked_of(last, previous[max(0, i - _HOLDERS) : i]) or last
            if last is not None and last.speaker is not None and self._continues(last, quoted):
                found.append(_Draft(quoted.start, quoted.end, "direct", last.speaker, last.cue))
                continue
            if quoted.runs_on and index + 1 < len(self.quoted):
                # The speech goes on in the next paragraph, which may name its speaker.
                following = self.quoted[index + 1].start
                named = [d for d in drafts if d.start == following and d.speaker is not None]
                if named:
                    found.append(
                        _Draft(quoted.start, quoted.end, "direct", named[0].speaker, named[0].cue)
                    )
                    continue
            led = self._colon_subject(quoted)
            if led is not None:
                found.append(_Draft(quoted.start, quoted.end, "direct", *led))
                continue
            content = text[quoted.start : quoted.end]
            if len(content.split()) >= _MIN_SPEECH_WORDS or re.search(r"[.!?]\s+\S", content):
                found.append(_Draft(quoted.start, quoted.end, "direct", None, None))
        return found

    def _colon_subject(self, quoted: Quoted) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """(speaker, cue) for a quotation that a colon ending a clause leads into, where
        no cue is (``Lee's letter makes the case: “…”``, ``And Mr. Lee gloated: “…”``):
        the clause's subject speaks it, and the colon is its cue, as PolNeAR marks it."""
        k = self._index_at(quoted.outer_start) - 1
        if k < 1 or self.tokens[k].text != ":":
            return None
        colon = self.tokens[k]
        if self.text[colon.end : quoted.outer_start].strip():
            return None
        speaker = self._clause_subject(k)
        if speaker is None or self.text[speaker[0] : speaker[1]].isupper():
            return None  # none, or a headline (``RED STATES OUTNUMBER BLUE STATES - Lee:``)
        return speaker, (colon.start, colon.end)

    def _continues(self, last: _Draft, quoted: Quoted) -> bool:
        """Whether ``quoted`` goes on with the speech of the quote ``last``.

        It does when only the attribution and sentence punctuation lie between
        them, or when it opens the paragraph after the one ``last`` ends in.
        """
        text = self.text
        gap = text[_reach(last) : quoted.outer_start]
        if not gap.strip(INLINE_SPACES + _SENTENCE_END + ",;:" + ALL_MARKS):
            return True
        if len(gap) <= _CONTINUATION_CHARS and _APPOSITIVE_GAP.fullmatch(gap):
            return True  # ``“A,” said X, an economist at Y, “B.”``
        lines = gap.split("\n")
        if len(lines) in (2, 3) and not lines[-1].strip():
            # The quote opens the next paragraph; the previous paragraph ended with the
            # speech, or with the rest of its attribution (``he said to a cheer.``).
            rest = lines[0].strip(INLINE_SPACES + "\r" + _SENTENCE_END + ALL_MARKS + ",")
            return len(rest) <= _TAIL_CHARS and not re.search(r"[.!?]\s", rest)
        # A quotation opening a sentence soon after the attribution, in its paragraph,
        # perhaps after a link word (``he said. But “…”``).
        return (
            len(lines) == 1
            and len(gap) <= _CONTINUATION_CHARS
            and bool(_SENTENCE_THEN_QUOTE.search(_without_symbols(gap)))
        )


def _is_manner(word: str) -> bool:
    """Whether ``word`` says how or how soon (``quickly``, ``again``), not what."""
    return word in _TAIL_ADVERBS or word.endswith("ly") and word not in _LY_NOUNS


def _without_symbols(text: str) -> str:
    """``text`` without emoji and the marks that join or modify them (``. 😀 “``)."""
    return "".join(c for c in text if unicodedata.category(c) not in _SYMBOL_CATEGORIES)


_NOMINATIVE = frozenset({"he", "she", "they", "we", "i"})
# Emoji, their skin tones, joiners and variation selectors.
_SYMBOL_CATEGORIES = frozenset({"So", "Sk", "Cf", "Mn"})
# The end of a sentence, then perhaps a link word, before a quotation goes on.
_SENTENCE_THEN_QUOTE = re.compile(
    r"(?:^|[.!?])[”\"’]?\s*(?:(?:But|And|Then|Still|Yet|Later|Now),?\s+)?$"
)
_COORDINATORS = frozenset({"and", "or", "nor", "neither", "either", "both"})
_AUXILIARIES = frozenset(
    """is was are were will would can could should may might must has had have does did
    'll ’ll 's ’s""".split()
)
# Double quotation marks: a learned span with one in or beside it is left to the rules.
_DOUBLE_MARKS = frozenset(OPENING_DOUBLE + CLOSING_DOUBLE + '"')
# Words that open a reported clause after an object-taking verb: ``warned that``, ``asked whether``.
# A subject pronoun with its auxiliary as one token: ``he’d``, ``they're``.
_CONTRACTED = re.compile(r"(he|she|they|we|i|it|there)['’](?:d|ll|s|re|ve|m)")
# A token with a verb in it: ``that’s``, ``you’re``, ``hasn't``.
_WITH_VERB = re.compile(
    r"(?:he|she|they|we|i|it|there|you|who|that|what)['’](?:d|ll|s|re|ve|m)$|n['’]t$"
)
_CLAUSE_OPENERS = frozenset({"that", "whether", "if", "to", "how", "why", "what", "when"})
# A dash with a space beside it: a dateline's or an aside's (``NEW YORK - Lee said``).
_SPACED_DASH = re.compile(r"\s[-–—]|[-–—]\s")
_DASHES = frozenset({"-", "–", "—", "--"})
_MAX_DATELINE = 8  # tokens: ``ORLANDO, Fla. (Reuters) -``
# Where a post appears, not who posts it: ``a Twitter comment``.
_PLATFORMS = frozenset("twitter facebook instagram youtube tiktok snapchat reddit".split())
# What carries someone's words: ``a statement saying``.
_MEDIA = frozenset(
    """statement statements release letter letters tweet tweets post posts video videos ad
    ads advertisement cover message messages memo note column editorial op-ed email emails
    e-mail e-mails text texts article articles petition petitions resolution resolutions
    rally rallies speech speeches""".split()
)
# Words that open a sentence with a phrase before its subject: ``At the time, …``.
_INTRODUCTIONS = frozenset(
    """in on at for after before during since when while as with without despite although
    though if because by following earlier later now meanwhile instead however last this
    next once until unlike like amid among over under from here back""".split()
)
# Words that open a new clause between a subject and a verb further on.
_CLAUSE_BREAKERS = frozenset(
    """that which who whom whose where when while because if although though since so
    than whether""".split()
)
# Words that may open a phrase between a cue and ``that``: ``said for the first time that``.
_BEFORE_THAT = frozenset({"repeatedly", "again", "for"})
# Words set off by commas between a cue and its ``that`` (``added, though, that``).
_ASIDES = frozenset(
    {"though", "however", "also", "too", "again", "instead", "then", "now", "somewhat"}
)
# Words inside a clause's subject before its auxiliary: ``hope their presence on the
# scene will``, ``said Lee and her team were``.
_INSIDE_PHRASE = frozenset("of and on in at for from with".split())
# Verbs whose object PolNeAR takes into the infinitive they report (``urged him to``).
_OBJECT_INFINITIVE = frozenset({"expect", "urge", "ask"})
_OBJECT_PRONOUNS = frozenset("him her them us me".split())
# Words that end an object before any clause could follow it (``asked for it because``).
_NOT_OBJECT = (
    _CLAUSE_OPENERS
    | _RELATIVES
    | frozenset("because as since after before although though so and but or than".split())
)
# A space inside a line, for patterns; and a clause going on in small letters or a
# number after a quotation's closing mark (``“fake news” sites``).
_SPACE = f"[{INLINE_SPACES}]"
_RUNS_ON_LOWER = re.compile(_SPACE + r"+(?:[a-z]|\d)")

# Where a reported clause ends inside its sentence: a new clause joined by ``, but`` or
# ``, which``, or a dash.
_CLAUSE_BREAK = re.compile(
    r",\s+(?:but|while|although|though|whereas|which)\s|;\s|\s(?:-|--|—|–)\s"
)


# ``Pence: …`` opening a line, or a transcript's ``WALLACE:`` anywhere but after a
# lowercase word (``told the BBC: …``; but ``by DNAinfo's Eddie Small: …``): one to
# four capitalised words, then a colon. The content runs to the next label or the
# line's end.
_LABEL = re.compile(
    r"(?:^|(?<=\n)|(?:(?<=[\s\"“])(?<![a-z,;]\s)|(?<=\sby\s))(?=[A-Z]{2}))(?P<mark>[\"“]?)"
    + _SPACE
    + "*"
    r"(?P<name>(?:[A-Z][\w.'’-]*" + _SPACE + r"){0,3}[A-Z][\w.'’-]*):" + _SPACE + r"+(?=\S)"
)
_LABEL_END = re.compile(r"\n|[\"“]?\b[A-Z]{2}[A-Z.'’-]*(?:" + _SPACE + r"[A-Z]{2}[A-Z.'’-]*)?:\s")


# Where and how something was said, between a cue and its clause: ``in a statement``.
_MEDIUM = re.compile(
    r"(?:in|on|during|via|through|at)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:statement|interview|email|e-mail|letter|speech|post|tweet|call|conference|"
    r"appearance|op-ed|memo|release|video|message|remarks|briefing|rally|debate)s?"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
    r"(?:\s+(?:night|morning|afternoon|evening))?,?\s+"
)

# Between an attribution and the quotation it goes on to: ``he said, but “…”``.
_LINK = re.compile(r"\s*,?\s*(?:but|and|then|adding|before adding|and added)\s*[,:]?\s*")


# The rest of a speaker's appositive between two parts of a quotation.
_APPOSITIVE_GAP = re.compile(_SPACE + r"*,[^.!?;:\n\"“”„«»]+," + _SPACE + "*")
# A dash after a quotation, before the name that signs it.
_SIGNATURE = re.compile(_SPACE + "*[―—–]" + _SPACE + "*")


def _has_full_stop(lead: str) -> bool:
    """Whether a sentence ends inside ``lead``: a stop and a space, but not after a title
    or an initial (``Ohio Gov. John Kasich``, ``Mr. Sperling``, ``George W. Bush``)."""
    for stop in re.finditer(r"[.!?]\s", lead):
        word = lead[: stop.start() + 1].split()[-1]
        if not (word in _TITLE_ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)+", word)):
            return True
    return False


def _is_joint(gap: str) -> bool:
    """Only commas, dashes, colons and spaces between a quotation and its attribution."""
    return len(gap) <= 4 and not gap.strip(INLINE_SPACES + ",:;—–-")


def _is_colon_lead(gap: str) -> bool:
    """``said in a statement: “…”``, ``told the BBC on Monday, “…”``: a short phrase, then a
    colon or a comma before the quotation."""
    head = gap.rstrip()
    if "\n" in gap[len(head) :] and not head.endswith(":"):
        return False  # ``Cruz continued:⏎⏎“…”``: only a colon leads across a paragraph
    return (
        len(head) <= _LEAD_CHARS
        and head.endswith((":", ","))
        and not re.search(r"[.!?;\n]", head)
        and not any(mark in head for mark in '"“”„«»')
    )


_LEAD_CHARS = 60
# How many words a cue's tail of time and place may have (``said on Monday in Paris``).
_TAIL_WORDS = 8
# How many later attributions in a sentence may end a content.
_MAX_NEIGHBOURS = 6
# How long the end of an attribution's sentence may be, after the attribution.
_TAIL_CHARS = 120
# The least confidence of a tagger's Source span that widens a rule's speaker
# (chosen by cross-validation on PolNeAR train).
SOURCE_CONFIDENCE = 0.5
# How many tokens past the rules' end a reported clause may be taken to run on.
_MAX_LONGER = 40
_EDGE_PUNCTUATION = frozenset(",;:—–-") | frozenset(ALL_MARKS)
_MODIFIER_OPENINGS = frozenset({",", "(", "of", "for", "from", "at", "with", "in", "who"})
_NOT_MODIFIERS = frozenset(
    "however meanwhile too also though then now still and but last this earlier later".split()
)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-" + _SENTENCE_END):
        end -= 1
    if end - start < 2:
        return None
    return (start, end)


def _asked_of(question: _Draft, others: Sequence[_Draft]) -> _Draft | None:
    """The quote among ``others`` whose attribution the reported ``question`` follows
    within a few characters (``“…,” Lee said when asked about it``), if one does."""
    for other in reversed(others):
        if other is question or other.speaker is None:
            continue
        if 0 <= question.cue[0] - _reach(other) <= _ASKED_GAP:
            return other
        if _reach(other) < question.cue[0]:
            break
    return None


def _holding(draft: _Draft, others: Sequence[_Draft], text: str) -> _Draft | None:
    """The quote among ``others`` whose speaker or content holds the attribution of
    ``draft``: the quote of Lee's in ``“…,” said Lee, who has accused the council of
    waste.``, in ``“…,” said Lee, who said the council wastes money.`` and in ``Lee said
    critics had been predicting a withdrawal.`` (a quotation after any of them goes on
    with Lee, not the council, ``who`` or the critics)."""
    cue_start, cue_end = draft.cue
    relative = draft.speaker is not None and text[slice(*draft.speaker)].lower() == "who"
    for other in reversed(others):
        if other is draft or other.speaker is None:
            continue
        speaker = other.speaker
        if speaker[0] <= cue_start and cue_end <= speaker[1]:
            return other
        if relative and text[speaker[1] : draft.speaker[0]].strip() == ",":
            return other
        if draft.kind == "indirect" and other.start <= cue_start and cue_end <= other.end:
            return other
    return None


def _reach(draft: _Draft) -> int:
    """Where a quote and its attribution end, whichever comes last."""
    return max(
        draft.end, draft.speaker[1] if draft.speaker else 0, draft.cue[1] if draft.cue else 0
    )


def _is_title(content: str) -> bool:
    """``“Fox News Sunday”``: a few capitalised words and no sentence, so a name, not speech."""
    words = content.strip(" ,").split()
    if not words or len(words) > 6 or re.search(r"[.!?,;:]", content.strip(" ,.")):
        return False
    return all(w[:1].isupper() or w.casefold() in _TITLE_SMALL_WORDS for w in words)


_TITLE_SMALL_WORDS = frozenset("a an the of and in on at to for with from by or".split())
# ``in the latest poll``: the heads of a poll, how far after ``in`` the head may
# come, the words that may not open it, and what may follow it: a short phrase of
# when or by whom, or a word that ends the source (``in the polls ahead of …``);
# the words before ``in`` that make the poll's subject those asked (``took part in``),
# and the participles of an aside after the poll (``, conducted in May,``).
_POLLS = frozenset({"poll", "polls", "survey", "surveys", "average"})
_MAX_POLL_WORDS = 8
_POLL_NOT_FIRST = frozenset({"that", "which", "who", "what", "its", "his", "her", "their"})
_MAX_AFTER_POLL = 4
_AFTER_POLL = frozenset(
    "released conducted taken published out last this earlier of by from".split()
)
_IN_POLL_NOT_FINDING = frozenset(
    """part participated participate participating interviewed questioned surveyed polled
    sampled included asked respondents involved listed named mentioned cited""".split()
)
_POLL_PARTICIPLES = frozenset("released conducted taken published".split())
_POLL_CUTS = frozenset(
    "ahead to for and but as after since among with on in at before while".split()
)
_MIN_FINDING_WORDS = 2
# Words that open a subordinate or relative clause, not a poll's finding.
_SUBORDINATORS = frozenset(
    """while though although whereas as because since if unless when who which whom
    whose that than until""".split()
)
# Words before a subject that open a clause no cue reports: ``even as he defended``.
_NOT_REPORTED = (_SUBORDINATORS - _SPEAKER_RELATIVES - {"than"}) | {"after", "before"}
# Words after which a clause's subject may start (``because a report in the paper said``).
_SUBJECT_OPENERS = _NOT_REPORTED | {"that", "where"}
# What ends a source after ``according to``, and how long it may be.
_SOURCE_STOPS = frozenset(",.;:!?()[]—–") | {"--", "-", "..."}
_MAX_SOURCE_TOKENS = 20
# Words that open a time set off from a source (``a report on Wednesday``), against a
# day that belongs to it (``a poll released Thursday``).
_TIME_OPENERS = frozenset("on last this earlier later".split())
# Headlines: how long a line may be, and how many words may name its speaker; the
# words that make a capitalised cue word a noun or an infinitive (``The Report``, ``To Say``).
_MAX_HEADLINE = 200
_MAX_HEADLINE_SPEAKER = 7
_NOUN_OR_INFINITIVE = _DETERMINERS | {"to"}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_HEADLINE_PARTICLE = re.compile(_SPACE + r"+(\w+)")
_HEADLINE_NAME = re.compile(r"[\w .'’&-]+")


def _is_title_case(words: Sequence[str]) -> bool:
    """Whether nearly every word but the small ones is capitalised (a headline's style)."""
    big = [w for w in words if w.casefold() not in _TITLE_SMALL_WORDS]
    return bool(big) and sum(w[:1].isupper() for w in big) >= _TITLE_SHARE * len(big)


_TITLE_SHARE = 0.8
_NOT_IN_HEADLINE_SPEAKERS = frozenset(
    """not just now still also again about to with by on in at from after before as being
    over against""".split()
)
_MAX_LY_NAME = 6  # ``Kelly``, ``Beverly``: longer words in -ly are adverbs


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    """Quoted content without the spaces and the comma that belong to the attribution."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _has_words(text: str, start: int, end: int) -> bool:
    return any(ch.isalnum() for ch in text[start:end])


class _Resolver:
    """Points each speaker to the entity it names or refers to."""

    def __init__(
        self,
        text: str,
        tokens: list[_Token],
        sentences: Sequence[Sentence],
        entities: Sequence[Entity],
        quoted: Sequence[Quoted] = (),
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.mentions = sorted((m.start, m.end, e.id, e.type) for e in entities for m in e.mentions)
        # People named inside quotations are not what a later "he" refers to.
        bounds = [(q.start, q.end) for q in quoted]
        self.outside = [not _in_any(m[0], bounds) for m in self.mentions]
        self.contexts: dict[int, frozenset[str]] = {}
        self.mention_starts = [m[0] for m in self.mentions]
        self.types = {e.id: e.type for e in entities}
        # A person's surname or single name, for speakers the NER model missed.
        self.by_name: dict[str, str] = {}
        for entity in sorted(entities, key=lambda e: e.type != "PERSON"):
            if entity.type in _SPEAKER_TYPES:
                for alias in entity.aliases:
                    self.by_name.setdefault(
                        _strip_possessive(alias.split()[-1]).casefold(), entity.id
                    )
        starts = sorted(s.start for s in sentences)
        # People named as a sentence's subject: a PERSON mention opening its sentence,
        # perhaps after titles (``British Prime Minister David Cameron met …``).
        self.subjects = []
        for start, _, entity, kind in self.mentions:
            i = bisect_right(starts, start) - 1
            lead = text[starts[i] : start].split() if i >= 0 else []
            if kind == "PERSON" and len(lead) <= 3 and all(w[:1].isupper() for w in lead):
                self.subjects.append((start, entity))

    def resolve(self, drafts: list[_Draft], known: Sequence[tuple[int, str]] = ()) -> None:
        """Set each draft's ``entity``; ``known``: (offset, entity) of speakers already
        resolved, for pronouns to refer to."""
        speakers = list(known)  # (offset, entity) of resolved speakers so far
        for draft in sorted(drafts, key=lambda d: d.speaker[0] if d.speaker else d.start):
            if draft.speaker is None:
                continue
            entity = self._entity_for(draft.speaker, speakers)
            draft.entity = entity
            if entity is not None:
                speakers.append((draft.speaker[0], entity))

    def entity_of(self, span: tuple[int, int]) -> str | None:
        """The entity a speaker's phrase names (a pronoun refers to nobody here)."""
        return self._entity_for(span, [])

    def _entity_for(self, span: tuple[int, int], speakers: list[tuple[int, str]]) -> str | None:
        start, end = span
        words = self.text[start:end].split()
        lowered = [w.casefold() for w in words]
        if len(words) == 1 and lowered[0] in SUBJECT_PRONOUNS | set(_POSSESSIVE_PRONOUNS):
            return self._pronoun(_POSSESSIVE_PRONOUNS.get(lowered[0], lowered[0]), start, speakers)
        # The head of the phrase: before ``of``/``for``..., and not a comma's appositive.
        head = re.match(
            r"[^,]*?(?=\s+(?:of|for|at|from|with|to|in|on|by)\s|\s*\(|,|$)", self.text[start:end]
        )
        head_end = start + (head.end() if head and head.end() else end - start)
        joined = _JOINED.search(self.text, start, head_end)
        if joined is not None and not any(
            m[0] <= joined.start() and joined.end() <= m[1]
            for m in self._mentions_within(start, head_end)
        ):
            return None  # ``Ann Lee and Tom Park``: two sources, no one entity
        named = [m for m in self._mentions_within(start, head_end) if m[1] >= head_end - 2]
        if named:
            people = [m for m in named if m[3] == "PERSON"]
            if not people and lowered[0] in _DETERMINERS:
                # ``the Massachusetts Democrat``: a person described, not the party, and
                # no one when the text names no such person.
                described = self._description(lowered, start)
                head_word = self.text[start:head_end].split()[-1].casefold()
                if described is not None or head_word in _PARTISANS:
                    return described
            return (people or named)[-1][2]
        last_word = (self.text[start:head_end].split() or [""])[-1]
        if last_word[:1].isupper():
            found = self.by_name.get(_strip_possessive(last_word).casefold())
            if found is not None:
                return found
        return self._description(lowered, start)

    def _mentions_within(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        i = bisect_left(self.mention_starts, start)
        found = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            if self.mentions[i][1] <= end + 2 and self.types[self.mentions[i][2]] in _SPEAKER_TYPES:
                found.append(self.mentions[i])
            i += 1
        return found

    def _pronoun(self, pronoun: str, at: int, speakers: list[tuple[int, str]]) -> str | None:
        if pronoun in {"who", "which"}:
            before = len(self.text[:at].rstrip(" ,"))
            i = bisect_right(self.mention_starts, at) - 1
            if i >= 0 and before - 2 <= self.mentions[i][1] <= before:
                return self.mentions[i][2]
            return None
        if pronoun in _PERSONAL:
            candidates = [(o, e) for o, e in speakers if self.types.get(e) == "PERSON" and o < at]
            candidates += [(o, e) for o, e in self.subjects if o < at]
            if candidates:
                return max(candidates)[1]
            i = bisect_right(self.mention_starts, at) - 1
            while i >= 0:
                if self.mentions[i][3] == "PERSON" and self.outside[i]:
                    return self.mentions[i][2]
                i -= 1
            return None
        if pronoun in {"they", "it"}:
            earlier = [(o, e) for o, e in speakers if o < at]
            if earlier:
                offset, entity = max(earlier)
                if self.types.get(entity) in {"ORG", "NORP", "GPE"}:
                    return entity
        return None

    def _description(self, words: list[str], at: int) -> str | None:
        """``the US President``: the person given that title before ``at``."""
        cleaned = [w.strip(".,'’") for w in words]
        head_words = []
        for word in cleaned:
            if word in _NP_PREPOSITIONS:
                break
            head_words.append(word)
        roles = [w for w in head_words if w in ROLE_NOUNS or w in _PARTISANS]
        if not roles:
            return None
        role = roles[-1]
        modifiers = {_normal(w) for w in cleaned if w not in _DETERMINERS and w != role}
        best: tuple[int, int, str] | None = None
        for start, end, entity, kind in self.mentions:
            if kind != "PERSON" or start >= at:
                continue
            context = self._context_words(start, end)
            if role not in context:
                continue
            score = len(modifiers & context)
            candidate = (score, start, entity)
            if best is None or candidate > best:
                best = candidate
        return best[2] if best else None

    def _context_words(self, start: int, end: int) -> frozenset[str]:
        """Words just before a name and in an appositive after it: its titles and roles.

        Normalised (``U.S.`` and ``US`` are one word) and kept, since every
        description in a text looks at the same names.
        """
        cached = self.contexts.get(start)
        if cached is not None:
            return cached
        before = self.text[max(0, start - 60) : start].split("\n")[-1]
        before_words = re.split(r"[\s,]+", before.strip())[-4:]
        after = self.text[end : end + 80]
        appositive = []
        if after.startswith(","):
            appositive = re.split(r"\s+", after[1:].split(",")[0].strip())
        words = (w.strip(".,'’()").casefold() for w in before_words + appositive)
        found = self.contexts[start] = frozenset(_normal(w) for w in words if w)
        return found


_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})


def _overlaps(spans: list[tuple[int, int]], reach: list[int], start: int, end: int) -> bool:
    """Whether any of ``spans`` (sorted; ``reach[i]``: the furthest end of the first i + 1)
    overlaps ``start:end``."""
    before = bisect_left(spans, (end, 0))
    return before > 0 and reach[before - 1] > start


def _in_any(at: int, bounds: list[tuple[int, int]]) -> bool:
    """Whether ``at`` is in one of ``bounds`` (sorted, not overlapping)."""
    i = bisect_right(bounds, (at, len(bounds) and bounds[-1][1] + 1)) - 1
    return i >= 0 and bounds[i][0] <= at < bounds[i][1]


def _normal(word: str) -> str:
    """Country adjectives and short forms to one key (``US``, ``U.S.``, ``American``)."""
    key = alias_key([word])
    return key[1] if key is not None else word
