"""How sure a sentence is: hedges, denials and negations, with their scopes.

:func:`stance_cues` reads one sentence and returns the cues that change
the stance of a claim found in it:

* **denial** — a reported denial (``denied``, ``denies``, ``refuted``,
  ``dismissed``/``rejected``/``rebuffed``/``shrugged off``/``brushed
  aside`` *a statement* — a report, an allegation, a claim, "that ...",
  "... as false" —, ``labelled ... rumours``, ``no intention to``,
  ``called ... absurd``). Rejecting a policy or a proposal ("rejected the
  idea of quotas") opposes it and denies no fact.
  Not a denial: ``neither confirmed nor denied``, ``did not deny``,
  ``declined/refused to deny``, ``confirm or deny``, and a denial the
  sentence itself calls false ("the statement denying X is blatantly
  false"). A denial's *scope* runs from the cue to the end of its clause
  (", but ...", "; ...", " — ..." start a new one).
* **negation** — ``not``/``never``/``n't``/``no longer`` up to six words
  before a claim term, within the clause ("did not send", "has never
  supplied", "was not involved in the attack"): a negated statement of a
  claim denies it, with no denial rule needed; and
  ``no evidence``/``no sign``/``no proof``/``no indication`` for the rest
  of the clause. ``not only``, ``not clear`` and the like do not negate.
* **hedge** — ``alleged(ly)``, ``suspected``, ``appear(s) to``,
  ``seem(s) to``, ``may``/``might``/``could``/``would``, ``likely``,
  ``possibly``/``probably``, ``preliminary``, ``presumed``,
  ``reportedly``, ``purportedly``, ``is accused``/``accusations`` (an
  accusation with no accuser named; "X accused Y of ..." is X asserting),
  ``claims`` (not "claimed the lives of", "claimed responsibility"), ``believe(d)``, ``is thought to``, ``suggests``,
  ``unconfirmed``/``unverified``, ``speculation``, ``not clear whether``,
  ``neither confirmed nor denied``, ... A hedge's scope runs to the end of
  its clause; a comment clause (", which would violate ...", " ahead of
  ...", " after ...") starts a new one. Allegation nouns are no hedge when
  the sentence confirms them ("confirm long-standing allegations") or
  denies them ("denied the allegations").

The cues are English news wording, free of any topic. A codebook adds cues
(``stance: hedges/denials``) and removes built-in ones
(``stance: remove_hedges/remove_denials``).

Offsets are relative to the sentence text. Every pattern is a plain
alternation or a single bounded repeat: linear, no catastrophic
backtracking.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from analysis.lexicon.stance_words import (CONFIRMING_PATTERN, DENIAL_PATTERN, HEDGE_NOUNS, HEDGE_PATTERN, NEGATION_STOP,
                                           NO_EVIDENCE_PATTERN, NOT_NEGATING, REFUTED_PATTERN)

_HEDGE = re.compile(HEDGE_PATTERN, re.IGNORECASE)
_CONFIRMING = re.compile(CONFIRMING_PATTERN, re.IGNORECASE)
_DENIAL = re.compile(DENIAL_PATTERN, re.IGNORECASE)
_DENIAL_NOUN = re.compile(r"(?<![\w-])denials?(?![\w-])", re.IGNORECASE)
_REFUTED = re.compile(REFUTED_PATTERN, re.IGNORECASE)
_NEGATOR = re.compile(r"(?<![\w-])(?:not|never|no\s+longer|\w+n't)(?![\w-])", re.IGNORECASE)
_NO_EVIDENCE = re.compile(NO_EVIDENCE_PATTERN, re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r",\s+but\s|;\s|\sbut\s|,\s+while\s|,\s+although\s|,\s+though\s|,\s+yet\s|"
                           r"\s[—–]\s|\s--\s|,\s+whereas\s|,\s+even\s+as\s|,\s+which\s|,\s+who\s")
_HEDGE_BREAK = re.compile(_CLAUSE_BREAK.pattern + r"|\sahead\s+of\s|\safter\s|\sbefore\s|,\s+as\s|"
                          r",\s+according\s+to\s|,\s+said\s|,\s+saying\s")


@dataclass(frozen=True)
class Cue:
    """A stance cue in a sentence; ``scope_end`` bounds the words it governs."""

    kind: str          # "hedge", "denial", "negation"
    start: int
    end: int
    scope_end: int
    surface: str


@dataclass
class StanceCues:
    hedges: list[Cue] = field(default_factory=list)
    denials: list[Cue] = field(default_factory=list)
    negations: list[Cue] = field(default_factory=list)
    mentions_denial: bool = False   # a live denial verb or a "denial(s)" noun

    def hedge_for(self, last_term: int) -> Cue | None:
        """The hedge governing a claim whose last term starts at ``last_term``."""
        for h in self.hedges:
            if h.start < last_term < h.scope_end:
                return h
        return None

    def negation_for(self, term_starts: list[int]) -> Cue | None:
        for n in self.negations:
            if any(n.end <= t < n.scope_end for t in term_starts):
                return n
        return None


class _Breaks:
    """Clause-break offsets of one sentence, found once (scope lookups stay linear)."""

    def __init__(self, text: str, pattern: re.Pattern) -> None:
        self.n = len(text)
        self.starts = [m.start() for m in pattern.finditer(text)]

    def after(self, pos: int) -> int:
        k = bisect_left(self.starts, pos)
        return self.starts[k] if k < len(self.starts) else self.n


#: Words after "not"/"never" that the negation governs.
NEGATION_WORDS = 6

# Cues examined per kind and sentence: real sentences have a few; a
# pathological run-on "sentence" must not cost cues x length.
MAX_CUES = 20


def _negated_denial(text: str, start: int) -> bool:
    """"did not deny", "neither confirmed nor denied", "confirm or deny", "refused to deny"."""
    prev = text[max(0, start - 40):start].lower().split()[-3:]
    if not prev:
        return False
    if any(w in {"not", "never", "nor", "neither", "without"} or w.endswith("n't") for w in prev):
        return True
    if prev[-1] == "or":
        return True
    if prev[-1] == "to" and len(prev) > 1 and prev[-2].startswith(("declin", "refus", "fail")):
        return True
    return False


def stance_cues(text: str, extra_hedges: re.Pattern | None = None,
                extra_denials: re.Pattern | None = None, drop_hedges: re.Pattern | None = None,
                drop_denials: re.Pattern | None = None) -> StanceCues:
    """Find the hedge, denial and negation cues of one sentence.

    Parameters
    ----------
    text : str
        The sentence.
    extra_hedges, extra_denials : re.Pattern, optional
        Codebook-specific cues (``stance: hedges/denials`` in the YAML).
    drop_hedges, drop_denials : re.Pattern, optional
        Built-in cues a codebook removes (``stance: remove_hedges`` /
        ``remove_denials``): a built-in cue whose words start with a match
        of the pattern is ignored ("could" removes the hedge *could*,
        "reject*" every built-in denial worded with *reject*).

    Returns
    -------
    StanceCues

    Examples
    --------
    >>> c = stance_cues("Kim denied the allegations that Pyongyang is shipping weapons, calling them absurd.")
    >>> [d.surface for d in c.denials], [h.surface for h in c.hedges]
    (['denied', 'calling them absurd'], [])
    >>> stance_cues("The Kremlin neither confirmed nor denied the report.").denials
    []
    """
    out = StanceCues()
    clause = _Breaks(text, _CLAUSE_BREAK)
    out.denials = _denial_cues(text, clause, extra_denials, drop_denials)
    out.mentions_denial = bool(out.denials) or any(
        not _negated_denial(text, m.start()) for m in _DENIAL_NOUN.finditer(text))
    out.hedges = _hedge_cues(text, out.denials, extra_hedges, drop_hedges)
    out.negations = _negation_cues(text, clause, out.denials)
    return out


def _denial_cues(text: str, clause: _Breaks, extra_denials: re.Pattern | None,
                 drop_denials: re.Pattern | None) -> list[Cue]:
    """The denial cues of a sentence, built-in then codebook ones.

    Separate from :func:`stance_cues` because hedges and negations are judged
    against the denials found here, so they must be complete first.
    """
    denials: list[Cue] = []
    for pattern in (_DENIAL, extra_denials):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            if len(denials) >= MAX_CUES:
                break
            if _negated_denial(text, m.start()):
                continue
            if pattern is _DENIAL and drop_denials is not None and drop_denials.match(m.group(0)):
                continue
            scope = clause.after(m.end())
            if _REFUTED.search(text, m.end(), min(scope, m.end() + 300)):
                continue  # "the statement denying X is blatantly false": the denial is refuted
            denials.append(Cue("denial", m.start(), m.end(), scope, m.group(0)))
    return denials


def _hedge_cues(text: str, denials: list[Cue], extra_hedges: re.Pattern | None,
                drop_hedges: re.Pattern | None) -> list[Cue]:
    """The hedge cues of a sentence, in text order.

    Needs the sentence's ``denials`` because a hedge noun inside a denial's
    scope ("denied the allegations") is what is denied, not a hedge.
    """
    hedges: list[Cue] = []
    hedge_clause = _Breaks(text, _HEDGE_BREAK)
    for pattern in (_HEDGE, extra_hedges):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            if len(hedges) >= MAX_CUES:
                break
            word = m.group(0).lower()
            if pattern is _HEDGE and drop_hedges is not None and drop_hedges.match(m.group(0)):
                continue
            if word in HEDGE_NOUNS:
                if denials and any(d.start < m.start() < d.scope_end for d in denials):
                    continue  # the object of a denial, not a hedge
                if _CONFIRMING.search(text, max(0, m.start() - 40), m.start()):
                    continue  # "confirm long-standing allegations"
            if word.startswith(("accus", "claim")) and denials:
                continue
            scope = hedge_clause.after(m.end())
            hedges.append(Cue("hedge", m.start(), m.end(), scope, m.group(0)))
    hedges.sort(key=lambda c: c.start)
    return hedges


def _negation_cues(text: str, clause: _Breaks, denials: list[Cue]) -> list[Cue]:
    """The negator cues ("not", "never") then the "no evidence" cues of a sentence.

    Needs the sentence's ``denials`` because a negator just before or inside a
    denial belongs to that denial, not to a separate negated predicate.
    """
    negations: list[Cue] = []
    for m in _NEGATOR.finditer(text):
        if len(negations) >= MAX_CUES:
            break
        nxt = text[m.end():m.end() + 40].split()
        if not nxt or nxt[0].lower().strip(",.") in NOT_NEGATING:
            continue
        if any(d.start - 30 < m.start() < d.end for d in denials):
            continue
        negations.append(Cue("negation", m.start(), m.end(), _negated_predicate_end(text, m.end()),
                             m.group(0)))
    for m in _NO_EVIDENCE.finditer(text):
        if len(negations) >= 2 * MAX_CUES:
            break
        negations.append(Cue("negation", m.start(), m.end(), clause.after(m.end()), m.group(0)))
    return negations


def _negated_predicate_end(text: str, after: int) -> int:
    """Where the predicate a negator ending at ``after`` negates ends.

    Up to NEGATION_WORDS words after the negator, not past a clause mark
    ("was not involved in the attack", "has never sent drones"), so the
    negation's scope covers what is negated and not the rest of the sentence.
    """
    pos = after
    count = 0
    for w in re.finditer(r"\S+", text[after:after + 160]):
        if w.group(0).lower() in NEGATION_STOP:
            break
        pos = after + w.end()
        count += 1
        if count == NEGATION_WORDS or w.group(0)[-1] in ",;:":
            break
    return pos
