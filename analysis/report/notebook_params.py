"""Notebook parameters: read what a notebook declares, check what a user gives.

Each notebook under ``notebooks/`` has one code cell tagged ``parameters``
holding plain assignments (``corpus = "../seeds"``, ``min_sources = 2``).
That cell is the only declaration of a notebook's parameters: this module
parses it with :mod:`ast` (literal values only, nothing is executed) to learn
each name, its default and its type, so validation needs no registry beside
the notebooks and cannot drift from them.

Values given on the command line (``-p key=value``) are strings and are
coerced to the declared type; values from a YAML file keep their YAML type
and must already fit (an int is accepted where a float is declared, a YAML
date where a string is declared).  Anything else is a
:class:`~analysis.errors.ParameterError`, raised before any notebook runs.
"""

from __future__ import annotations

import ast
import datetime as _dt
import io
import json
import math
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from analysis.errors import ParameterError

PARAMETERS_TAG = "parameters"

# Types a parameter may have; the name is what messages and run.json show.
_TYPE_NAMES = {bool: "bool", int: "int", float: "float", str: "str", list: "list", dict: "dict",
               type(None): "none"}
_ANNOTATIONS = {"bool": bool, "int": int, "float": float, "str": str, "list": list, "dict": dict}
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}
_INT = re.compile(r"[+-]?[0-9]+\Z")  # ASCII digits only
# A constraint opening a parameter's trailing comment: {a, b, c} (one of these
# values) or an interval such as [0, 1], [1, inf) or (0, 1] (numbers only).
_CHOICES = re.compile(r"\{([^{}]*)\}\s*")
_NUMBER = r"[+-]?(?:inf|[0-9]+(?:\.[0-9]*)?(?:e[+-]?[0-9]+)?)"
_INTERVAL = re.compile(rf"([\[(])\s*({_NUMBER})\s*,\s*({_NUMBER})\s*([\])])\s*", re.IGNORECASE)


@dataclass(frozen=True)
class NotebookParameter:
    """One assignment of a notebook's ``parameters`` cell.

    Attributes
    ----------
    name : str
        The variable name.
    type : type
        ``bool``, ``int``, ``float``, ``str``, ``list``, ``dict`` or
        ``type(None)`` (a ``None`` default accepts a value of any of these).
    default : object
        The literal value in the cell.
    line : int
        Line of the assignment inside the cell (1-based), for messages.
    help : str
        The assignment's trailing comment, without its constraint.
    choices : tuple
        Allowed values (``# {a, b, c} ...``), empty when any value of the type goes.
    low, high : float or None
        Bounds of an interval constraint (``# [0, 1] ...``); None when there is none.
    low_open, high_open : bool
        Whether a bound is excluded (``(`` or ``)``).
    """

    name: str
    type: type
    default: Any
    line: int = 0
    help: str = ""
    choices: tuple = ()
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    @property
    def type_name(self) -> str:
        return _TYPE_NAMES.get(self.type, self.type.__name__)

    @property
    def constraint(self) -> str:
        """The allowed values in words (``"one of a, b"``, ``"0 to 1"``, ``">= 1"``), or ``""``."""
        if self.choices:
            return "one of " + ", ".join(str(c) for c in self.choices)
        if self.low is None:
            return ""
        low = None if self.low == -math.inf else _plain(self.low)
        high = None if self.high == math.inf else _plain(self.high)
        if low is not None and high is not None and not (self.low_open or self.high_open):
            return f"{low} to {high}"
        parts = ([f"{'>' if self.low_open else '>='} {low}"] if low is not None else []) + \
                ([f"{'<' if self.high_open else '<='} {high}"] if high is not None else [])
        return " and ".join(parts)

    def check(self, value: Any, where: str = "") -> None:
        """Raise :class:`ParameterError` if ``value`` breaks the declared choices or interval.

        Examples
        --------
        >>> p = NotebookParameter("measure", str, "agreement", choices=("agreement", "kappa"))
        >>> p.check("kappa")
        >>> p.check("foo")
        Traceback (most recent call last):
        ...
        analysis.errors.ParameterError: parameter 'measure' must be one of agreement, kappa; got 'foo'
        """
        in_notebook = f" in {where}" if where else ""
        if self.choices and value not in self.choices:
            raise ParameterError(f"parameter {self.name!r}{in_notebook} must be {self.constraint}; got {value!r}")
        if self.low is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
            below = value < self.low or (self.low_open and value == self.low)
            above = value > self.high or (self.high_open and value == self.high)
            if below or above or (isinstance(value, float) and math.isnan(value)):
                raise ParameterError(f"parameter {self.name!r}{in_notebook} must be {self.constraint}; "
                                     f"got {value!r}")


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


@dataclass
class NotebookParameters:
    """The parameters one notebook declares, by name (in cell order)."""

    notebook: str
    path: Path
    parameters: dict[str, NotebookParameter] = field(default_factory=dict)

    def __contains__(self, name: str) -> bool:
        return name in self.parameters

    def __getitem__(self, name: str) -> NotebookParameter:
        return self.parameters[name]

    def defaults(self) -> dict[str, Any]:
        return {name: p.default for name, p in self.parameters.items()}


def read_parameters(path: str | Path) -> NotebookParameters:
    """Read the parameters a notebook declares in its ``parameters`` cell.

    Parameters
    ----------
    path : str or Path
        An ``.ipynb`` file.

    Returns
    -------
    NotebookParameters
        Name -> :class:`NotebookParameter` (type taken from an annotation such
        as ``min_sources: int = 2`` when present, else from the literal).

    Raises
    ------
    ParameterError
        If the file is not a notebook, has no cell tagged ``parameters``, has
        more than one, or the cell holds anything but assignments of literal
        values (the message names the notebook and line).

    Examples
    --------
    >>> read_parameters("notebooks/01_corpus_overview.ipynb")["corpus"].type  # doctest: +SKIP
    <class 'str'>
    """
    path = Path(path)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cells = notebook["cells"]
    except FileNotFoundError:
        raise ParameterError(f"{path}: notebook not found") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise ParameterError(f"{path}: not a readable notebook ({exc.__class__.__name__}: {exc})") from None
    tagged = [cell for cell in cells
              if isinstance(cell, dict) and PARAMETERS_TAG in (cell.get("metadata", {}).get("tags") or [])]
    if not tagged:
        raise ParameterError(f"{path.name}: no cell tagged '{PARAMETERS_TAG}'")
    if len(tagged) > 1:
        raise ParameterError(f"{path.name}: {len(tagged)} cells tagged '{PARAMETERS_TAG}'; keep exactly one")
    source = tagged[0].get("source", "")
    if isinstance(source, list):
        source = "".join(source)
    return NotebookParameters(path.stem, path, parse_parameter_cell(source, where=path.name))


def parse_parameter_cell(source: str, where: str = "parameters cell") -> dict[str, NotebookParameter]:
    """Parse the text of a ``parameters`` cell into :class:`NotebookParameter` objects.

    Parameters
    ----------
    source : str
        Python source holding only assignments of literal values (comments,
        blank lines and a docstring-like bare string are allowed).
    where : str
        Name used in error messages (the notebook file).

    Returns
    -------
    dict
        Name -> :class:`NotebookParameter`, in source order.

    Examples
    --------
    >>> p = parse_parameter_cell('corpus = "../seeds"\\nmin_sources: int = 2')
    >>> p["min_sources"].type_name, p["corpus"].default
    ('int', '../seeds')
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ParameterError(f"{where}: parameters cell line {exc.lineno}: {exc.msg}") from None
    comments = _trailing_comments(source)
    found: dict[str, NotebookParameter] = {}
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue  # a bare string documents the cell
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, value_node, annotation = node.targets[0].id, node.value, None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            name, value_node, annotation = node.target.id, node.value, node.annotation
        else:
            raise ParameterError(f"{where}: parameters cell line {node.lineno}: only `name = literal` "
                                 f"assignments are allowed")
        try:
            value = ast.literal_eval(value_node)
        except (ValueError, TypeError, SyntaxError, RecursionError):
            raise ParameterError(f"{where}: parameters cell line {node.lineno}: value of {name!r} "
                                 f"is not a plain literal") from None
        kind = type(value)
        if isinstance(value, tuple):
            value, kind = list(value), list
        if kind not in _TYPE_NAMES:
            raise ParameterError(f"{where}: parameters cell line {node.lineno}: {name!r} has "
                                 f"unsupported type {kind.__name__}")
        if annotation is not None:
            kind = _annotation_type(annotation, kind)
        constraint = _parse_constraint(comments.get(node.end_lineno or node.lineno, ""), name, kind, value,
                                       f"{where}: parameters cell line {node.lineno}")
        found[name] = NotebookParameter(name, kind, value, node.lineno, **constraint)
    return found


def _trailing_comments(source: str) -> dict[int, str]:
    """Line number -> text of the comment ending that line (``#`` and spaces stripped)."""
    comments: dict[int, str] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                comments[token.start[0]] = token.string.lstrip("#").strip()
    except (tokenize.TokenError, SyntaxError):  # ast.parse accepted it; keep what was read
        pass
    return comments


def _parse_constraint(comment: str, name: str, kind: type, default: Any, where: str) -> dict[str, Any]:
    """Help text and constraint of one parameter from its trailing comment.

    ``{a, b, c} help`` declares choices (converted to the parameter's type);
    ``[low, high] help`` an interval for a number (``(``/``)`` exclude a
    bound, ``inf`` leaves a side open).  The default must satisfy it, so a
    typo in a notebook is caught when it is read, not when a user trips on it.
    """
    out: dict[str, Any] = {"help": comment}
    choices = _CHOICES.match(comment)
    interval = _INTERVAL.match(comment)
    if choices:
        raw = [part.strip().strip("'\"") for part in choices.group(1).split(",") if part.strip()]
        try:
            values = tuple(_from_text(item, kind) for item in raw)
        except (ValueError, TypeError):
            raise ParameterError(f"{where}: the choices of {name!r} do not fit its type "
                                 f"{_TYPE_NAMES.get(kind, kind.__name__)}") from None
        out.update(help=comment[choices.end():].strip(), choices=values)
    elif interval:
        if kind not in (int, float):
            raise ParameterError(f"{where}: {name!r} has an interval but is not a number")
        low, high = float(interval.group(2)), float(interval.group(3))
        if low > high:
            raise ParameterError(f"{where}: the interval of {name!r} is empty ({low:g} > {high:g})")
        out.update(help=comment[interval.end():].strip(), low=low, high=high,
                   low_open=interval.group(1) == "(", high_open=interval.group(4) == ")")
    else:
        return out
    try:
        NotebookParameter(name, kind, default, **out).check(default)
    except ParameterError as exc:
        raise ParameterError(f"{where}: the default of {str(exc)[len('parameter '):]}") from None
    return out


def _annotation_type(annotation: ast.expr, fallback: type) -> type:
    # `x: int = 3`, `x: float = 0` or `x: "str" = None`; anything fancier
    # (Optional[int], list[str]) keeps the type of the literal.
    label = None
    if isinstance(annotation, ast.Name):
        label = annotation.id
    elif isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        label = annotation.value
    return _ANNOTATIONS.get(label, fallback)


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """Split ``-p key=value`` arguments into a dict of strings.

    Parameters
    ----------
    items : iterable of str
        Each ``name=value``; the value may be empty and may contain ``=``.

    Returns
    -------
    dict
        Name -> raw string value (a later repeat of a name wins).

    Examples
    --------
    >>> parse_assignments(["run_date=2024-05-31", "query=a=b"])
    {'run_date': '2024-05-31', 'query': 'a=b'}
    """
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise ParameterError(f"-p {item!r}: expected name=value with a Python identifier as name")
        out[name] = value
    return out


def load_params_file(path: str | Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Read a YAML parameters file.

    The file is a mapping of parameter names to values. An optional
    ``per_notebook`` mapping gives values for one notebook only::

        run_date: 2024-05-31
        corpus: /data/scrape-2024-05-31
        per_notebook:
          02_claim_frequency:
            min_sources: 2

    Parameters
    ----------
    path : str or Path
        The YAML file.

    Returns
    -------
    (dict, dict)
        Values for every notebook, and notebook name -> values for that one.

    Raises
    ------
    ParameterError
        If the file is missing, is not valid YAML, or is not shaped as above.
    """
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ParameterError(f"{path}: cannot read parameters file ({exc.__class__.__name__}: "
                             f"{getattr(exc, 'strerror', None) or exc})") from None
    try:
        data = yaml.load(text, Loader=_guarded_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ParameterError(f"{path}{where}: invalid YAML: {problem}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: expected a mapping of parameter names to values, "
                             f"got {type(data).__name__}")
    data = dict(data)
    per_notebook = data.pop("per_notebook", None) or {}
    if not isinstance(per_notebook, dict) or not all(isinstance(v, dict) for v in per_notebook.values()):
        raise ParameterError(f"{path}: 'per_notebook' must map notebook names to mappings of values")
    for name in list(data) + [k for v in per_notebook.values() for k in v]:
        if not isinstance(name, str) or not name.isidentifier():
            raise ParameterError(f"{path}: {name!r} is not a valid parameter name")
    return data, {str(k): dict(v) for k, v in per_notebook.items()}


def _guarded_loader():
    """A SafeLoader that refuses aliases and duplicate keys in a parameters file.

    Parameters files are hand-written scalars and small mappings; an alias
    there is either a mistake or an "alias bomb" (nested ``*a`` lists that
    expand to gigabytes), and a key given twice would silently keep the
    last value.  Both are refused with the line, before anything expands.
    """
    import yaml

    class GuardedLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.constructor.ConstructorError(
                    None, None, f"alias *{event.anchor} not allowed in a parameters file "
                    "(write the value out)", event.start_mark)
            return super().compose_node(parent, index)

        def construct_mapping(self, node, deep=False):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, (str, int, float, bool)) and key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key!r} appears twice (first on line {seen[key]})",
                        key_node.start_mark)
                if isinstance(key, (str, int, float, bool)):
                    seen[key] = key_node.start_mark.line + 1
            return super().construct_mapping(node, deep=deep)

    return GuardedLoader


def coerce_value(value: Any, param: NotebookParameter, *, from_text: bool, where: str = "") -> Any:
    """Convert a given value to a parameter's declared type, or fail.

    Parameters
    ----------
    value : object
        The value given (a string when ``from_text``).
    param : NotebookParameter
        The declaration it must fit.
    from_text : bool
        True for ``-p name=value`` strings, which are parsed (``"3"`` -> 3,
        ``"yes"`` -> True); False for typed values (YAML), which must fit as
        they are.
    where : str
        Notebook name for the message.

    Returns
    -------
    object
        The value, of the declared type.

    Raises
    ------
    ParameterError
        Naming the parameter, the notebook, the expected type and the value.

    Examples
    --------
    >>> p = NotebookParameter("min_sources", int, 2)
    >>> coerce_value("3", p, from_text=True)
    3
    """
    kind = param.type
    try:
        if from_text:
            return _from_text(value, kind)
        return _from_typed(value, kind)
    except (ValueError, TypeError):
        pass
    shown = value if from_text else f"{type(value).__name__} {value!r}"
    expected = param.type_name if kind is not type(None) else "a plain value"
    in_notebook = f" in {where}" if where else ""
    raise ParameterError(f"parameter {param.name!r}{in_notebook} expects {expected}, got {shown!r}"
                         if from_text else
                         f"parameter {param.name!r}{in_notebook} expects {expected}, got {shown}")


def _from_text(text: str, kind: type) -> Any:
    stripped = text.strip()
    if kind is str:
        return text
    if kind is bool:
        low = stripped.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValueError(text)
    if kind is int:
        if not _INT.match(stripped):
            raise ValueError(text)
        return int(stripped)
    if kind is float:
        number = float(stripped)  # accepts "1e3", "2.5", "inf"; rejects "" and words
        if math.isnan(number):
            raise ValueError(text)
        return number
    if kind in (list, dict):
        import yaml

        parsed = yaml.safe_load(stripped) if stripped else None
        if not isinstance(parsed, kind):
            raise ValueError(text)
        return parsed
    # A None default: keep the text, but let "none"/"null"/"" mean None.
    return None if stripped.lower() in {"", "none", "null"} else text


def _from_typed(value: Any, kind: type) -> Any:
    if kind is type(None):
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value.isoformat()
        if value is None or isinstance(value, (bool, int, float, str, list, dict)):
            return value
        raise TypeError(value)
    if kind is str and isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()  # YAML reads 2024-05-31 as a date
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is int and isinstance(value, float) and value.is_integer():
        raise TypeError(value)  # 2.0 for an int is a mistake worth naming
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    raise TypeError(value)


def validate_parameters(
    declared: Mapping[str, NotebookParameters],
    text_values: Mapping[str, str] | None = None,
    typed_values: Mapping[str, Any] | None = None,
    per_notebook: Mapping[str, Mapping[str, Any]] | None = None,
    set_by_render: Iterable[str] = (),
) -> dict[str, dict[str, Any]]:
    """Check given values against every selected notebook; return each notebook's values.

    A value applies to every notebook that declares its name; a name that no
    selected notebook declares is an error, as is a value that does not fit
    the type of any notebook declaring it.  ``-p`` values win over YAML ones.

    Parameters
    ----------
    declared : mapping
        Notebook name -> :class:`NotebookParameters`.
    text_values : mapping, optional
        ``-p`` values (strings).
    typed_values : mapping, optional
        YAML values for all notebooks.
    per_notebook : mapping, optional
        Notebook name -> YAML values for that notebook only.
    set_by_render : iterable of str
        Names render sets itself: left out of the names an error suggests.

    Returns
    -------
    dict
        Notebook name -> {parameter: coerced value} (only the names given).

    Raises
    ------
    ParameterError
        Unknown name (listing the known ones), unknown notebook in
        ``per_notebook``, or a value of the wrong type.
    """
    text_values, typed_values, per_notebook = text_values or {}, typed_values or {}, per_notebook or {}
    hidden = set(set_by_render)  # render sets these itself: never suggest them
    known = sorted({name for spec in declared.values() for name in spec.parameters} - hidden)
    for name in list(text_values) + list(typed_values):
        if not any(name in spec for spec in declared.values()):
            raise ParameterError(f"unknown parameter {name!r}; the selected notebooks declare: "
                                 + (", ".join(known) or "nothing"))
    for notebook, values in per_notebook.items():
        if notebook not in declared:
            raise ParameterError(f"per_notebook: no selected notebook named {notebook!r} "
                                 f"(selected: {', '.join(declared)})")
        for name in values:
            if name not in declared[notebook]:
                raise ParameterError(f"unknown parameter {name!r} for {notebook}; it declares: "
                                     + (", ".join(n for n in declared[notebook].parameters if n not in hidden)
                                        or "nothing"))
    result: dict[str, dict[str, Any]] = {}
    for notebook, spec in declared.items():
        values: dict[str, Any] = {}
        layers = ((typed_values, False), (per_notebook.get(notebook, {}), False), (text_values, True))
        for layer, from_text in layers:
            for name, value in layer.items():
                if name in spec:
                    values[name] = coerce_value(value, spec[name], from_text=from_text, where=notebook)
                    spec[name].check(values[name], where=notebook)
        result[notebook] = values
    return result


#: A notebook's own words for its relative paths, true when the notebook runs in Jupyter ...
_NOTEBOOK_RELATIVE = re.compile(r"relative paths? starts? at the folder of (?:this|the) notebook")


def _render_help(text: str) -> str:
    """... but render resolves a relative path given on its command line from the current folder."""
    return _NOTEBOOK_RELATIVE.sub("given to render, a relative path starts at the current folder", text)


def format_parameters(specs: Iterable[NotebookParameters], set_by_render: Iterable[str] = ()) -> str:
    """Every notebook's parameters as text: name, type, default, allowed values and help.

    Parameters
    ----------
    specs : iterable of NotebookParameters
        One per notebook, in the order to show.
    set_by_render : iterable of str
        Names render fills in itself (shown as such, not as something to give).

    Returns
    -------
    str
        One block per notebook, one line per parameter.

    Examples
    --------
    >>> spec = NotebookParameters("03_x", Path("03_x.ipynb"),
    ...                           parse_parameter_cell('measure = "kappa"  # {agreement, kappa} what is drawn'))
    >>> print(format_parameters([spec]))
    03_x
      measure  str = 'kappa'  one of agreement, kappa; what is drawn
    """
    specs = list(specs)
    owned = set(set_by_render)
    # Parameters every notebook declares alike are listed once, first.
    common = [p for p in (specs[0].parameters.values() if len(specs) > 1 else ())
              if all(p.name in s and (s[p.name].type, s[p.name].default) == (p.type, p.default) for s in specs)]
    common_names = {p.name for p in common}
    groups = ([("every notebook", common)] if common else []) + \
        [(s.notebook, [p for p in s.parameters.values() if p.name not in common_names]) for s in specs]
    blocks = []
    for title, params in groups:
        rows = []
        for p in params:
            head = f"{p.name}  {p.type_name} = {p.default!r}"
            notes = [p.constraint] if p.constraint else []
            notes.append("set by render" if p.name in owned else _render_help(p.help))
            rows.append((head, "; ".join(n for n in notes if n)))
        width = max((len(h) for h, _ in rows), default=0)
        lines = [title] + ([f"  {h:<{width}}  {n}".rstrip() for h, n in rows] or ["  (no parameters of its own)"])
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
