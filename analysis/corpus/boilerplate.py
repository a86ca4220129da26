r"""Page chrome that scrapers leave in article text, and how it is removed.

Each rule is a name and a regular expression that must match a *whole line*
(after stripping white space, case-insensitively).  Only lines of at most
:data:`MAX_CHROME_LINE` characters are tested, so a rule can never eat a
paragraph of reporting.  Removed lines are returned, never thrown away: the
loader keeps them in the ``boilerplate`` column.

Extend the list for your scraper's sources by passing extra rules to
:func:`analysis.load_corpus`::

    from analysis.corpus.boilerplate import BoilerplateRule
    rules = [BoilerplateRule("newsletter", r"get our daily briefing.*")]
    articles = analysis.load_corpus("my-corpus", boilerplate_rules=rules)

A corpus can carry rules for its own sources in a ``boilerplate.yaml`` at
its folder root (picked up by :func:`analysis.load_corpus` like a
``codebook.yaml``); the sample corpus's ``seeds/boilerplate.yaml`` holds the
chrome of its five sites.  Format (:func:`load_boilerplate_file`)::

    # one entry per kind of chrome line
    rules:
      - name: source-site          # shown in the boilerplate column
        pattern: 'source:? site-\d+'  # must match the whole line, any case

:data:`DEFAULT_RULES` hold only chrome general to news sites.  Every
pattern is anchored and free of nested quantifiers, so matching is linear in
the length of the line; a rule file's patterns are checked for nested
quantifiers and back-references before use.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.errors import CorpusError

MAX_CHROME_LINE = 300
#: The rule file a corpus folder may carry at its root.
CORPUS_RULES_FILE = "boilerplate.yaml"


@dataclass(frozen=True)
class BoilerplateRule:
    """A named whole-line pattern of page chrome."""

    name: str
    pattern: str
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, re.IGNORECASE))

    def matches(self, line: str) -> bool:
        return self.regex.fullmatch(line) is not None


DEFAULT_RULES: tuple[BoilerplateRule, ...] = (
    BoilerplateRule("advertisement", r"(?:advertisement|advertising|ad|sponsored(?: content)?|"
                    r"story continues below(?: this)? ad(?:vertisement)?|scroll to continue(?: with content)?)"),
    BoilerplateRule("listen-to-article", r"listen to (?:this |the )?(?:article|story)(?:\W+\d+ min(?:ute)?s?)?"),
    BoilerplateRule("audio-notice", r"this audio (?:version|file|article|clip) (?:was|is|has been) [^\n]*"),
    BoilerplateRule("follow-us", r"follow us(?: on [^\n]{0,80})?:?"),
    BoilerplateRule("comments-closed", r"comments (?:are|have been) (?:closed|disabled)[^\n]*"),
    BoilerplateRule("syndication-notice", r"\(?(?:except for the headline, )?this (?:story|article|report) "
                    r"(?:has not been|was not|is not) edited by [^\n]*\)?"),
    BoilerplateRule("syndicated-feed", r"\(?(?:this (?:story|article) (?:is|was|has been) )?"
                    r"(?:auto-generated|published) from a syndicated (?:news )?feed\.?\)?"),
    BoilerplateRule("reading-time", r"\d+\s*min(?:ute)?s?\s+read"),
    BoilerplateRule("font-size", r"(?:\d+%\s*)?(?:font|text) size[^\n]{0,40}"),
    BoilerplateRule("share-bar", r"(?:share(?: this)?(?: article| story| on)?:?|"
                    r"(?:share|tweet|email|e-mail|print|whatsapp|facebook|twitter|x|linkedin|telegram|copy link)"
                    r"(?:\s*[|/·•]\s*(?:share|tweet|email|e-mail|print|whatsapp|facebook|twitter|x|linkedin|telegram|copy link))+)"),
    BoilerplateRule("read-more", r"(?:also read|read more|read also|see also|related(?: stories| articles| coverage)?)\s*[:|>][^\n]*"),
    BoilerplateRule("newsletter", r"(?:sign up|subscribe) (?:for|to) (?:our|the) [^\n]*newsletter[^\n]*"),
    BoilerplateRule("subscribe", r"subscribe(?: now| today| here)?[.!]?"),
    BoilerplateRule("copyright", r"(?:©|\(c\)|copyright)\s*(?:©\s*)?\d{4}[^\n]*"),
    BoilerplateRule("image-caption-credit", r"(?:photo|image|picture|file photo)(?: credit)?:\s*[^\n]{0,80}"
                    r"(?:getty images|reuters|afp|ap|epa|yonhap|shutterstock)[^\n]{0,40}"),
    BoilerplateRule("skip-link", r"(?:skip to (?:main )?content|jump to (?:comments|content))"),
)


def split_chrome(
    lines: list[str], rules: tuple[BoilerplateRule, ...] | list[BoilerplateRule] = DEFAULT_RULES
) -> tuple[list[str], list[tuple[str, str]]]:
    """Separate page-chrome lines from article lines.

    Parameters
    ----------
    lines : list of str
        The lines of one article, in order.
    rules : sequence of BoilerplateRule
        The rules to apply; defaults to :data:`DEFAULT_RULES`.

    Returns
    -------
    kept : list of str
        The lines that are not chrome (blank lines are kept, in place).
    removed : list of (rule name, line)
        What was removed and why, in order.
    """
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    rules = tuple(rules)
    combined = _combined(rules)
    for line in lines:
        stripped = line.strip()
        if stripped and len(stripped) <= MAX_CHROME_LINE:
            if combined is not None:
                m = combined.fullmatch(stripped)
                rule = rules[int(m.lastgroup[2:])] if m else None
            else:
                rule = next((r for r in rules if r.matches(stripped)), None)
            if rule is not None:
                removed.append((rule.name, stripped))
                continue
        kept.append(line)
    return kept, removed


@lru_cache(maxsize=32)
def _combined(rules: tuple[BoilerplateRule, ...]) -> re.Pattern[str] | None:
    """One alternation of all rules, so each line costs one regex call, not one per rule.

    Under ``fullmatch`` the first alternative that matches the whole line
    wins, exactly as trying the rules in order.  Patterns that cannot be
    combined (numbered back-references, inline global flags) return None
    and the rules are tried one by one.
    """
    if not rules or any(re.search(r"\\\d|\(\?[aiLmsux]+\)", r.pattern) for r in rules):
        return None
    try:
        return re.compile("|".join(f"(?P<_r{i}>{r.pattern})" for i, r in enumerate(rules)), re.IGNORECASE)
    except re.error:
        return None


def load_boilerplate_file(path: str | os.PathLike[str]) -> tuple[BoilerplateRule, ...]:
    """Read page-chrome rules from a YAML file (format in the module docstring).

    Parameters
    ----------
    path : str or path-like
        The rule file, e.g. ``seeds/boilerplate.yaml``.

    Returns
    -------
    tuple of BoilerplateRule

    Raises
    ------
    CorpusError
        The file is unreadable, is not ``rules:`` with a list of
        ``name``/``pattern`` entries, uses a YAML alias, or a pattern is
        invalid or could backtrack (nested quantifiers, back-references).
    """
    import yaml

    from analysis.claims.codebook import regex_problem

    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):  # refused before anything expands
                raise CorpusError(f"{source}:{event.start_mark.line + 1}: YAML aliases are not "
                                  "allowed in a boilerplate rule file")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{source}: cannot read boilerplate rules ({exc})") from None
    except yaml.YAMLError as exc:
        raise CorpusError(f"{source}: invalid YAML in boilerplate rules "
                          f"({str(exc).splitlines()[0]})") from None
    entries = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CorpusError(f"{source}: expected 'rules:' followed by a list of name/pattern entries")
    rules = []
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or set(entry) != {"name", "pattern"}:
            raise CorpusError(f"{source}: rule {i} must have exactly the keys 'name' and 'pattern'")
        name, pattern = str(entry["name"]), str(entry["pattern"])
        problem = regex_problem(pattern)
        if problem is None:
            try:
                re.compile(pattern)
            except re.error as exc:
                problem = f"is not a valid regular expression ({exc})"
        if problem:
            raise CorpusError(f"{source}: rule {i} ({name}): pattern {problem}")
        rules.append(BoilerplateRule(name, pattern))
    return tuple(rules)


def corpus_rules(root: str | os.PathLike[str]) -> tuple[BoilerplateRule, ...]:
    """The rules of a corpus folder's own ``boilerplate.yaml`` (none when absent).

    Parameters
    ----------
    root : str or path-like
        A corpus folder, or a file inside one (its folder is used).

    Returns
    -------
    tuple of BoilerplateRule
    """
    folder = Path(root)
    if not folder.is_dir():
        folder = folder.parent
    rule_file = folder / CORPUS_RULES_FILE
    return load_boilerplate_file(rule_file) if rule_file.is_file() else ()
