"""Claims codebooks: a YAML file of claims and the rules that find them.

A codebook names the claims an analysis looks for (``id``, ``label``,
``description``) and, for each, match rules written as groups of terms:
*all of these groups present in the sentence, none of those*. The format is
documented for non-programmers in ``docs/codebook.md``; in short::

    codebook: North Korea - Russia arms transfers
    concepts:                      # named groups of interchangeable terms
      north_korea: [north korea*, pyongyang, DPRK, the North]
      russia: [russia*, moscow, kremlin]
      send: [ship*, send*, sent, supplied, deliver*]
      munitions: [munition*, ammunition, artillery shell*]
    claims:
      - id: C03
        label: North Korea shipped munitions to Russia
        rules:
          - all: [north_korea, russia, send, munitions]
            none: [[training]]

Terms are matched on word boundaries; lower-case terms match any case,
terms with a capital letter only that spelling; ``*`` at the end of a word
matches any ending; a space matches spaces or hyphens and a hyphen is
optional ("KN-23" finds "KN23" and "KN 23"). Each group compiles to one
alternation scanned over a whole body at once, so tagging costs one pass
per group per article.

:func:`load_codebook` validates everything and raises
:class:`~analysis.errors.CodebookError` naming the file and line of the
first problem: YAML syntax, unknown keys, missing ids, duplicate ids, an
empty codebook, unknown concept names, invalid regular expressions and
regular expressions with nested quantifiers (which can backtrack
catastrophically on long sentences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml

from analysis.errors import CodebookError
from analysis.paths import SEEDS_DIR

try:  # Python >= 3.11
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

#: The file name a corpus's own codebook goes by: ``codebook.yaml`` at a
#: corpus folder's root, or beside its manifest / records file.
CODEBOOK_FILE = "codebook.yaml"
#: The sample corpus's codebook (North Korea - Russia arms transfers, C01-C12).
#: It belongs to ``seeds/`` and is used only for that corpus or when passed
#: explicitly; it is never applied to another corpus by default.
SAMPLE_CODEBOOK = SEEDS_DIR / CODEBOOK_FILE  # the checkout's seeds/, or the copy a wheel ships

_TOP_KEYS = {"codebook", "description", "version", "language", "concepts", "stance", "claims"}
_CLAIM_KEYS = {"id", "label", "description", "kind", "rules"}
_RULE_KEYS = {"all", "any", "none", "regex", "speaker", "outside_speaker"}
_STANCE_KEYS = {"hedges", "denials", "remove_hedges", "remove_denials"}
_KINDS = {"claim", "denial"}
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,39}\Z")
_CONCEPT = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,59}\Z")


@dataclass(frozen=True)
class TermGroup:
    """Interchangeable terms compiled to one pattern; a hit of any term counts."""

    name: str
    terms: tuple[str, ...]
    pattern: re.Pattern = field(compare=False, repr=False)


@dataclass(frozen=True)
class Rule:
    """One way a claim can be expressed in a sentence.

    A rule matches when every group in ``all`` has a hit, at least one group
    in ``any`` has a hit (if ``any`` is given), no group in ``none`` has a
    hit, ``regex`` (if given) matches the sentence, the sentence's
    speaker matches one of the ``speaker`` groups (if given), and every
    ``outside_speaker`` group has a hit outside the words that name the
    speaker (so "Russia accused the US of ..." does not make Russia the
    doer: its only hit is the accuser).
    """

    all: tuple[TermGroup, ...] = ()
    any: tuple[TermGroup, ...] = ()
    none: tuple[TermGroup, ...] = ()
    regex: re.Pattern | None = None
    speaker: tuple[TermGroup, ...] = ()
    line: int = 0
    outside_speaker: tuple[TermGroup, ...] = ()


@dataclass(frozen=True)
class Claim:
    """A claim of the codebook: id, label, description, kind and rules.

    ``kind == "denial"`` marks a claim that *is* a denial ("North Korea
    denies the transfers"): it is tagged only in sentences that report a
    denial, always with stance ``asserts`` (or ``hedged``), and its speaker
    is the denying party.
    """

    id: str
    label: str
    description: str
    kind: str
    rules: tuple[Rule, ...]
    line: int = 0


@dataclass(frozen=True)
class Codebook:
    """A validated codebook (see :func:`load_codebook`)."""

    name: str
    description: str
    claims: tuple[Claim, ...]
    concepts: dict[str, TermGroup]
    hedges: TermGroup | None = None
    denials: TermGroup | None = None
    source: str = "<string>"
    #: built-in hedge / denial cues the codebook switches off (``stance: remove_hedges/remove_denials``)
    remove_hedges: TermGroup | None = None
    remove_denials: TermGroup | None = None

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.claims]

    def claim(self, claim_id: str) -> Claim:
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)

    def groups(self) -> list[TermGroup]:
        """Every distinct term group the rules use (each is scanned once per body)."""
        seen: dict[int, TermGroup] = {}
        for c in self.claims:
            for r in c.rules:
                for g in (*r.all, *r.any, *r.none, *r.outside_speaker):
                    seen.setdefault(id(g), g)
        return list(seen.values())

    def labels(self) -> dict[str, str]:
        return {c.id: c.label for c in self.claims}


CodebookLike = Union[str, Path, Codebook, None]


def load_codebook(path: CodebookLike) -> Codebook:
    """Load and validate a YAML codebook.

    Parameters
    ----------
    path : str, pathlib.Path or Codebook
        A codebook file; a :class:`Codebook` is returned unchanged. There is
        no default codebook: a codebook belongs to a corpus (see
        :func:`find_codebook`); the sample corpus's is
        :data:`SAMPLE_CODEBOOK` (``seeds/codebook.yaml``).

    Returns
    -------
    Codebook
        With ``claims`` (each with ``id``, ``label``, ``description``,
        ``kind`` and compiled ``rules``), ``concepts`` and optional extra
        stance cues.

    Raises
    ------
    CodebookError
        No path was given, or the file is missing, not YAML, or breaks the
        format; the message names the file and line ("codebook.yaml:12:
        claim C03: unknown key 'rule' (expected one of ...)").

    Examples
    --------
    >>> book = load_codebook(SAMPLE_CODEBOOK)
    >>> book.ids[:3]
    ['C01', 'C02', 'C03']
    """
    if isinstance(path, Codebook):
        return path
    if path is None or not str(path).strip():
        raise CodebookError("no codebook given: pass a codebook file (see docs/codebook.md), or write a starter "
                            "one with `python -m analysis draft-codebook CORPUS -o codebook.yaml`")
    path = Path(path).expanduser()
    if not path.is_file():
        raise CodebookError(f"{path}: codebook file not found")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError(f"{path}: cannot read codebook ({exc})") from None
    return parse_codebook(text, source=str(path))


def find_codebook(corpus: str | Path) -> Path | None:
    """The codebook that travels with a corpus, or None.

    A corpus's own codebook is a file named ``codebook.yaml``: at the root
    of a corpus folder, or beside the ``manifest.csv`` / records file
    (``.jsonl``, ``.csv`` ...) given as the corpus. Nothing else is looked
    at: the sample corpus's codebook is found only for the sample corpus
    (it lives in ``seeds/``).

    Parameters
    ----------
    corpus : str or pathlib.Path
        What was given to :func:`analysis.load_corpus`.

    Returns
    -------
    pathlib.Path or None

    Examples
    --------
    >>> find_codebook(SAMPLE_CODEBOOK.parent) == SAMPLE_CODEBOOK
    True
    """
    source = Path(corpus).expanduser()
    folder = source if source.is_dir() else source.parent
    candidate = folder / CODEBOOK_FILE
    return candidate.resolve() if candidate.is_file() else None


def resolve_codebook(codebook: CodebookLike = None, articles: Any = None) -> Codebook | None:
    """The codebook to use: the one given, else the corpus's own, else None.

    Parameters
    ----------
    codebook : str, pathlib.Path, Codebook or None
        Given explicitly (a path, or a loaded codebook); wins over anything
        found.
    articles : pandas.DataFrame, optional
        Articles from :func:`analysis.load_corpus`, which records the
        corpus's ``codebook.yaml`` (when there is one) in
        ``articles.attrs["codebook"]``.

    Returns
    -------
    Codebook or None
        None when the corpus has no codebook: the caller then works without
        one (``tag_claims`` tags nothing; the reports use codebook-free
        claim clusters, see :func:`analysis.report.claims.claims_for_report`).
    """
    if codebook is not None and str(codebook).strip():
        return load_codebook(codebook)
    attrs = getattr(articles, "attrs", None) or {}
    found = attrs.get("codebook")
    if found:
        return load_codebook(found)
    return None


def parse_codebook(text: str, source: str = "<string>") -> Codebook:
    """Validate codebook YAML given as text (``source`` names it in errors).

    Examples
    --------
    >>> book = parse_codebook('''
    ... claims:
    ...   - id: R1
    ...     label: It rained
    ...     rules:
    ...       - all: [[rain*, downpour]]
    ... ''')
    >>> book.ids
    ['R1']
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f"{mark.line + 1}:" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CodebookError(f"{source}:{line} invalid YAML: {problem}") from None
    return _Builder(source).build(root)


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.concept_nodes: dict[str, yaml.Node] = {}
        self.concepts: dict[str, TermGroup] = {}
        self._expanding: list[str] = []
        self._inline = 0

    # -- errors and node helpers ------------------------------------------
    def fail(self, node: yaml.Node | None, message: str) -> CodebookError:
        line = f"{node.start_mark.line + 1}:" if node is not None else ""
        return CodebookError(f"{self.source}:{line} {message}")

    def mapping(self, node: yaml.Node, what: str, allowed: set[str]) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys to values")
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, f"{what}: keys must be plain words")
            key = key_node.value
            if key in out:
                raise self.fail(key_node, f"{what}: key '{key}' appears twice")
            if allowed and key not in allowed:
                raise self.fail(key_node, f"{what}: unknown key '{key}' (expected one of {', '.join(sorted(allowed))})")
            out[key] = (key_node, value_node)
        return out

    def scalar(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be a single value, not a list or mapping")
        return str(node.value).strip()

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    # -- codebook -----------------------------------------------------------
    def build(self, root: yaml.Node | None) -> Codebook:
        if root is None:
            raise self.fail(None, "the codebook is empty (it needs a 'claims:' list)")
        top = self.mapping(root, "codebook", _TOP_KEYS)
        if "concepts" in top:
            cnode = top["concepts"][1]
            if not (isinstance(cnode, yaml.ScalarNode) and cnode.value == ""):
                for name, (knode, vnode) in self.mapping(cnode, "concepts", set()).items():
                    if not _CONCEPT.match(name):
                        raise self.fail(knode, f"concept name '{name}' must be a word (letters, digits, _)")
                    self.concept_nodes[name] = vnode
                for name in self.concept_nodes:
                    self.concept(name, self.concept_nodes[name])
        cues: dict[str, TermGroup | None] = dict.fromkeys(sorted(_STANCE_KEYS))
        if "stance" in top:
            st = self.mapping(top["stance"][1], "stance", _STANCE_KEYS)
            for key in st:
                cues[key] = self.group(st[key][1], f"stance {key.replace('_', ' ')}", as_list=True)
        if "claims" not in top:
            raise self.fail(root, "the codebook has no 'claims:' list")
        claim_nodes = self.sequence(top["claims"][1], "claims")
        if not claim_nodes:
            raise self.fail(top["claims"][1], "the codebook is empty: 'claims:' lists no claim")
        claims: list[Claim] = []
        seen: dict[str, int] = {}
        for cnode in claim_nodes:
            claim = self.claim(cnode)
            if claim.id in seen:
                raise self.fail(cnode, f"duplicate claim id '{claim.id}' (first defined on line {seen[claim.id]})")
            seen[claim.id] = claim.line
            claims.append(claim)
        name = self.scalar(top["codebook"][1], "codebook") if "codebook" in top else ""
        desc = self.scalar(top["description"][1], "description") if "description" in top else ""
        return Codebook(name, desc, tuple(claims), dict(self.concepts), cues["hedges"], cues["denials"], self.source,
                        remove_hedges=cues["remove_hedges"], remove_denials=cues["remove_denials"])

    def claim(self, node: yaml.Node) -> Claim:
        fields = self.mapping(node, "claim", _CLAIM_KEYS)
        if "id" not in fields:
            raise self.fail(node, "claim without an 'id'")
        cid = self.scalar(fields["id"][1], "id")
        if not _ID.match(cid):
            raise self.fail(fields["id"][1], f"claim id '{cid}' must start with a letter and use only letters, "
                                             "digits, '_', '.', '-' (at most 40 characters)")
        where = f"claim {cid}"
        if "label" not in fields:
            raise self.fail(node, f"{where}: missing 'label'")
        label = self.scalar(fields["label"][1], f"{where}: label")
        if not label:
            raise self.fail(fields["label"][1], f"{where}: empty label")
        desc = self.scalar(fields["description"][1], f"{where}: description") if "description" in fields else ""
        kind = self.scalar(fields["kind"][1], f"{where}: kind") if "kind" in fields else "claim"
        if kind not in _KINDS:
            raise self.fail(fields["kind"][1], f"{where}: kind must be 'claim' or 'denial', not '{kind}'")
        if "rules" not in fields:
            raise self.fail(node, f"{where}: missing 'rules' (a list of match rules)")
        rule_nodes = self.sequence(fields["rules"][1], f"{where}: rules")
        if not rule_nodes:
            raise self.fail(fields["rules"][1], f"{where}: 'rules' is empty")
        rules = tuple(self.rule(r, where) for r in rule_nodes)
        return Claim(cid, label, desc, kind, rules, node.start_mark.line + 1)

    def rule(self, node: yaml.Node, where: str) -> Rule:
        fields = self.mapping(node, f"{where}: rule", _RULE_KEYS)
        if not ({"all", "any", "regex"} & set(fields)):
            raise self.fail(node, f"{where}: a rule needs 'all', 'any' or 'regex' (only 'none' or 'speaker' "
                                  "would match almost every sentence)")
        groups: dict[str, tuple[TermGroup, ...]] = {}
        for key in ("all", "any", "none", "speaker", "outside_speaker"):
            if key in fields:
                items = self.sequence(fields[key][1], f"{where}: {key}")
                if not items:
                    raise self.fail(fields[key][1], f"{where}: '{key}' is an empty list")
                groups[key] = tuple(self.group(g, f"{where}: {key}") for g in items)
        regex = None
        if "regex" in fields:
            rnode = fields["regex"][1]
            regex = self.regex(self.scalar(rnode, f"{where}: regex"), rnode, where)
        return Rule(groups.get("all", ()), groups.get("any", ()), groups.get("none", ()), regex,
                    groups.get("speaker", ()), node.start_mark.line + 1, groups.get("outside_speaker", ()))

    # -- groups and terms ---------------------------------------------------
    def concept(self, name: str, node: yaml.Node) -> TermGroup:
        if name in self.concepts:
            return self.concepts[name]
        if name in self._expanding:
            raise self.fail(node, f"concept '{name}' refers to itself (via {' -> '.join(self._expanding)})")
        self._expanding.append(name)
        terms = self.terms(node, f"concept '{name}'")
        self._expanding.pop()
        group = TermGroup(name, terms, compile_terms(terms))
        self.concepts[name] = group
        return group

    def group(self, node: yaml.Node, where: str, as_list: bool = False) -> TermGroup:
        if isinstance(node, yaml.ScalarNode) and not as_list:
            name = str(node.value).strip()
            if name not in self.concept_nodes:
                raise self.fail(node, f"{where}: unknown concept '{name}' (define it under 'concepts:' or "
                                      f"write an inline group of terms such as [{name}])")
            return self.concept(name, self.concept_nodes[name])
        terms = self.terms(node, where)
        self._inline += 1
        return TermGroup(f"_inline{self._inline}", terms, compile_terms(terms))

    def terms(self, node: yaml.Node, where: str) -> tuple[str, ...]:
        items = self.sequence(node, f"{where} (a list of terms)")
        if not items:
            raise self.fail(node, f"{where}: empty list of terms")
        out: list[str] = []
        for item in items:
            term = self.scalar(item, f"{where}: term")
            if term.startswith("$"):
                ref = term[1:]
                if ref not in self.concept_nodes:
                    raise self.fail(item, f"{where}: unknown concept '{ref}' in '{term}'")
                out.extend(self.concept(ref, self.concept_nodes[ref]).terms)
                continue
            problem = term_problem(term)
            if problem:
                raise self.fail(item, f"{where}: term '{term}': {problem}")
            out.append(term)
        return tuple(dict.fromkeys(out))

    def regex(self, pattern: str, node: yaml.Node, where: str) -> re.Pattern:
        if not pattern:
            raise self.fail(node, f"{where}: empty regex")
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise self.fail(node, f"{where}: invalid regex {pattern!r}: {exc}") from None
        problem = regex_problem(pattern)
        if problem:
            raise self.fail(node, f"{where}: regex {pattern!r} {problem}")
        return compiled


def term_problem(term: str) -> str | None:
    """Why ``term`` cannot be a term, or None."""
    if not term:
        return "empty term"
    if len(term) > 120:
        return "longer than 120 characters"
    if any(ord(c) < 32 for c in term):
        return "contains control characters"
    for word in term.split():
        if "*" in word[:-1]:
            return "'*' may only end a word (ship* matches ship, ships, shipped, shipment)"
    if not any(c.isalnum() for c in term):
        return "has no letters or digits"
    return None


def _term_regex(term: str) -> str:
    out: list[str] = []
    for ch in term:
        if ch == "*":
            out.append(r"\w*")
        elif ch.isspace():
            if not out or out[-1] != r"[\s\-]+":
                out.append(r"[\s\-]+")
        elif ch == "-":
            out.append(r"[\s\-]?")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def compile_terms(terms: tuple[str, ...] | list[str]) -> re.Pattern:
    """One pattern for a group of terms (longest first, word-bounded).

    Lower-case terms match any case; a term with a capital letter matches
    that spelling only.

    Examples
    --------
    >>> p = compile_terms(["ship*", "KN-23", "the North"])
    >>> [m.group(0) for m in p.finditer("Shipments of KN23 from the North, not the north")]
    ['Shipments', 'KN23', 'the North']
    """
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        body = _term_regex(term.strip())
        parts.append(body if any(c.isupper() for c in term) else f"(?i:{body})")
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def regex_problem(pattern: str) -> str | None:
    """Why a user regex is unsafe (nested quantifiers, backreferences), or None.

    A quantified group that itself contains a quantifier (``(a+)+``,
    ``(\\w+\\s?)*``) can take exponential time on a sentence that almost
    matches; bounded repeats like ``.{0,80}`` are fine.

    Examples
    --------
    >>> regex_problem(r"(\\w+\\s?)+done") is not None, regex_problem(r"fired.{0,40}missiles")
    (True, None)
    """
    try:
        parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    except re.error as exc:  # pragma: no cover - compiled before
        return f"is invalid: {exc}"
    return _walk(list(parsed), inside_repeat=False)


def _walk(items: list, inside_repeat: bool) -> str | None:
    for op, arg in items:
        name = str(op)
        if name in _REPEATS:
            lo, hi, sub = arg
            repeats = hi is _sre_parse.MAXREPEAT or hi > 1
            if repeats and inside_repeat:
                return "has nested quantifiers (a repeated group containing a repeat), which can backtrack " \
                       "catastrophically; use a bounded repeat such as .{0,80} or split it into terms"
            problem = _walk(list(sub), inside_repeat or repeats)
            if problem:
                return problem
        elif name == "SUBPATTERN":
            problem = _walk(list(arg[-1]), inside_repeat)
            if problem:
                return problem
        elif name == "BRANCH":
            for alt in arg[1]:
                problem = _walk(list(alt), inside_repeat)
                if problem:
                    return problem
        elif name in {"ASSERT", "ASSERT_NOT"}:
            problem = _walk(list(arg[1]), inside_repeat)
            if problem:
                return problem
        elif name == "ATOMIC_GROUP":
            problem = _walk(list(arg), inside_repeat)
            if problem:
                return problem
        elif name in {"GROUPREF", "GROUPREF_EXISTS"}:
            return "uses a backreference, which is not supported (it can take exponential time)"
    return None


def as_plain(book: Codebook) -> dict[str, Any]:
    """The codebook as plain data (for reports): claims with id, label, description, kind."""
    return {"codebook": book.name, "claims": [
        {"id": c.id, "label": c.label, "description": c.description, "kind": c.kind} for c in book.claims]}
