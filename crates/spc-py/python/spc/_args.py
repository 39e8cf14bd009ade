"""Argument checks and conversions shared by ``spc`` and ``spc.kostra``: each bad value raises
an :class:`SpcError` subclass that names the argument."""

from __future__ import annotations

import datetime as _dt
import reprlib
from collections.abc import Mapping, Sequence
from typing import Any, Callable, Optional, Union

from ._spc import InvalidArgumentError, RenderError, SpcError


def _fail(role: str, reason: str) -> InvalidArgumentError:
    return InvalidArgumentError(f"invalid {role}: {reason}")


def _number(value: Any, role: str, convert: Any = float) -> Any:
    """``convert(value)`` (float or int), or InvalidArgumentError naming ``role``."""
    try:
        return convert(value)
    except (TypeError, ValueError, OverflowError):
        kind = "a whole number" if convert is int else "a number"
        raise _fail(role, f"expected {kind}, got {reprlib.repr(value)}") from None


def _names(values: Any) -> list[str]:
    """One name or code or a list of them as a list of strings (a string is one name, not its
    letters; a number such as the region code 301 its text)."""
    if isinstance(values, str) or not hasattr(values, "__iter__"):
        values = [] if values is None else [values]
    return [v if isinstance(v, str) else str(v) for v in values]


def _binding_error(
    e: BaseException,
    values: Mapping[str, Any],
    public: Mapping[str, str],
    error: Callable[[str, str], SpcError] = _fail,
) -> Optional[SpcError]:
    """For a TypeError/OverflowError of the binding: the error naming the argument pyo3 was
    processing (its note), with the value given in ``values`` (binding name -> value) and the
    Python name from ``public`` where it differs; None when pyo3 named no argument."""
    prefix = "while processing '"
    names = [n[len(prefix) : -1] for n in getattr(e, "__notes__", ()) if n.startswith(prefix)]
    if not names:
        return None
    shown = f"got {reprlib.repr(values[names[0]])}: " if names[0] in values else ""
    return error(public.get(names[0], names[0]), f"{shown}{e}")


def _call(binding: Any, args: Sequence[Any], kwargs: Mapping[str, Any], public: Mapping[str, str]) -> Any:
    """``binding(*args, **kwargs)``; a value the binding cannot take raises
    InvalidArgumentError naming the argument (:func:`_binding_error`)."""
    try:
        return binding(*args, **kwargs)
    except (TypeError, OverflowError) as e:
        err = _binding_error(e, kwargs, public)
        if err is None:
            raise
        raise err from None


def _picture(render: Any, fmt: str, options: Mapping[str, Any], known: Sequence[str]) -> bytes:
    """``render(fmt, **options)`` (the options of ``plot``/``save``): an option not in ``known``
    or a value the renderer cannot take raises RenderError naming it (the renderer itself checks
    the values' ranges)."""
    unknown = [name for name in options if name not in known]
    if unknown:
        raise RenderError(f"unknown picture option '{unknown[0]}': expected one of {', '.join(known)}")
    try:
        return bytes(render(fmt, **options))
    except (TypeError, OverflowError) as e:
        err = _binding_error(e, options, {}, lambda name, reason: RenderError(f"invalid {name}: {reason}"))
        if err is None:
            raise
        raise err from None


def _positions(v: Union[int, Sequence[int], None], role: str) -> Optional[list[int]]:
    if v is None:
        return None
    if isinstance(v, bool):
        raise _fail(role, "expected a position or a list of positions, got a bool")
    if isinstance(v, int) or hasattr(v, "__index__"):
        return [int(v)]  # type: ignore[arg-type]
    try:
        out = [int(p) for p in v]
    except (TypeError, ValueError):
        raise _fail(role, f"expected a position or a list of positions, got {v!r}") from None
    if any(int(p) != p for p in v):
        raise _fail(role, f"positions are whole numbers, got {v!r}")
    return out


def _is_position(p: Any) -> bool:
    return not isinstance(p, (bool, str)) and hasattr(p, "__index__")


def _notes(notes: Any) -> list[tuple[str, str]]:
    """Notes as (x, text) pairs, from a dict {x: text} or pairs; x as in the data (a date,
    a number, a category, or text such as ``"2004K2"``)."""
    if notes is None:
        return []
    if isinstance(notes, Mapping):
        items = list(notes.items())
    else:
        try:
            items = list(notes)
        except TypeError:
            items = [notes]
        if not all(isinstance(i, (tuple, list)) and len(i) == 2 for i in items):
            raise _fail("notes", f"give a dict {{x: text}} or a list of (x, text) pairs, got {reprlib.repr(notes)}")
    return [(_fmt_x(x), str(label)) for x, label in items if label is not None]


def _fmt_x(x: Any) -> str:
    if isinstance(x, (_dt.datetime, _dt.date)):
        return x.strftime("%Y-%m-%d")
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _x_strings(values: Any, role: str) -> list[str]:
    if isinstance(values, (str, _dt.date, int, float)):
        values = [values]
    try:
        return [_fmt_x(v) for v in values]
    except TypeError:
        raise _fail(role, f"expected x values (dates or text), got {values!r}") from None
