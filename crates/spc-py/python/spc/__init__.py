"""spc: run charts and Shewhart control charts, computed as R's qicharts2 computes them.

>>> import spc
>>> chart = spc.qic(y=[5, 7, 6, 8, 7, 9, 6, 7, 8, 6, 7, 5], chart="i")
>>> round(chart.summary["cl"][0], 4)
6.75

The statistics are in Rust (``spc_core``, the same code as the ``spc`` command line); this
module only turns polars, pandas, pyarrow, numpy or plain Python data into polars columns and
wraps the result.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

import polars as pl

from . import _spc
from ._args import _binding_error, _call, _fail, _is_position, _names, _notes, _number, _picture, _positions, _x_strings
from ._spc import (
    CHART_NAMES,
    ExcludeOutOfRangeError,
    FreezeBeyondDataError,
    FreezePartCountError,
    InternalError,
    InvalidArgumentError,
    InvalidValueError,
    LengthMismatchError,
    MissingColumnError,
    MissingDenominatorError,
    NegativeDenominatorError,
    NotANumberError,
    PartOutOfRangeError,
    PolarsError,
    RenderError,
    SpcError,
    SpcIOError,
    TooFewPointsError,
    UnknownChartKindError,
    UnknownOptionError,
    UnknownRegionError,
    __version__,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas  # type: ignore[import-untyped,unused-ignore]

__all__ = [
    "CHART_NAMES",
    "Chart",
    "ExcludeOutOfRangeError",
    "FreezeBeyondDataError",
    "FreezePartCountError",
    "InternalError",
    "InvalidArgumentError",
    "InvalidValueError",
    "LengthMismatchError",
    "MissingColumnError",
    "MissingDenominatorError",
    "NegativeDenominatorError",
    "NotANumberError",
    "PartOutOfRangeError",
    "PolarsError",
    "RenderError",
    "Figure",
    "SpcError",
    "SpcIOError",
    "TooFewPointsError",
    "UnknownChartKindError",
    "UnknownOptionError",
    "UnknownRegionError",
    "MdcChart",
    "__version__",
    "from_spec",
    "kostra",
    "mdc",
    "qic",
    "to_spec",
]

# The options of Chart.plot / save.
_PICTURE_OPTIONS = (
    "title", "subtitle", "caption", "xlab", "ylab", "notes", "goal", "lang", "width", "height", "poster", "scales", "scale",
)


class Chart:
    """A computed run or control chart.

    ``data`` has one row per point and ``summary`` one row per facet and part, with the columns
    of ``spc chart --data`` and ``--summary``. ``warnings`` lists what the user should know
    (rows left out, gaps in a dated series, provisional limits).
    """

    def __init__(
        self,
        result: _spc.ChartResult,
        *,
        improvement: Optional[str] = None,
        **render_options: Any,
    ) -> None:
        self._result = result
        self._svg: Optional[str] = None
        #: Options of the picture (title, subtitle, caption, xlab, ylab, notes, lang, ...);
        #: ``plot``, ``save`` and the ``to_*`` methods take the same names to override them.
        self.render_options: dict[str, Any] = {}
        for k, v in render_options.items():  # a loop, not a comprehension: no second frame per chart
            if v is not None:
                self.render_options[k] = v
        #: Which direction is better ("increase", "decrease", "neutral" or None). Kept for the
        #: rules; it does not change the numbers (qicharts2 has no such option).
        self.improvement = improvement

    @property
    def chart(self) -> str:
        """The chart kind, named as in qicharts2 (``"run"``, ``"i"``, ``"p"``, ...)."""
        return self._result.chart

    @functools.cached_property
    def data(self) -> pl.DataFrame:
        """One row per point: x, (facet), y, n, cl, lcl, ucl, lcl_95, ucl_95, target, part, ..."""
        return self._result.data()

    @functools.cached_property
    def summary(self) -> pl.DataFrame:
        """One row per facet and part: centre line, limits, runs analysis, signals."""
        return self._result.summary()

    @functools.cached_property
    def signals(self) -> pl.DataFrame:
        """One row per signal of the rule sets given as ``rules``: rule, part, facet, first_x,
        last_x, points (``;``-separated 1-based positions) and direction (``"up"``, ``"down"``
        or ``""``), as ``spc chart --signals`` writes them."""
        return self._result.signals()

    @functools.cached_property
    def verdict(self) -> pl.DataFrame:
        """One row per part after the first (or for the points after a frozen baseline): facet,
        part, change (``"up"``, ``"down"``, ``"none"``), improvement, evidence, split_at
        (1-based position or null), stable and the sentence, as ``spc chart`` prints it.
        Empty without parts or a frozen baseline."""
        return self._result.verdict()

    @property
    def warnings(self) -> list[str]:
        """What the user should know about the data and the limits."""
        return self._result.warnings

    def summary_text(self) -> str:
        """The summary in words, as ``spc chart`` prints it, in the language of ``lang``
        (Norwegian for ``lang="nb"``, else English)."""
        return self._result.summary_text()

    def to_pandas(self) -> "pandas.DataFrame":
        """``data`` as a pandas DataFrame (needs pandas and pyarrow)."""
        return self.data.to_pandas()

    def __len__(self) -> int:
        return len(self._result)

    def __repr__(self) -> str:
        parts = self.summary.height
        return f"<spc.Chart {self.chart}: {len(self)} points, {parts} part(s)>\n{self.summary_text()}"

    # --- pictures: the renderer of the `spc` command (spc_render) ---------------------

    def _render(self, fmt: str, options: dict[str, Any]) -> bytes:
        opts = {**self.render_options, **options}
        if "notes" in opts:
            opts["notes"] = _notes(opts["notes"])
        return _picture(functools.partial(_spc.render, self._result), fmt, opts, _PICTURE_OPTIONS)

    def to_svg(self, **options: Any) -> str:
        """The chart as an SVG document (options as for :meth:`plot`)."""
        return self._render("svg", options).decode()

    def to_png(self, **options: Any) -> bytes:
        """The chart as the bytes of a PNG file."""
        return self._render("png", options)

    def to_pdf(self, **options: Any) -> bytes:
        """The chart as the bytes of a PDF file."""
        return self._render("pdf", options)

    def plot(self, format: str = "svg", **options: Any) -> Figure:
        """The chart as a picture that Jupyter shows inline.

        Options (all optional, overriding those given to :func:`qic`): ``title``,
        ``subtitle``, ``caption``, ``xlab``, ``ylab``, ``notes`` ({x: text} or (x, text)
        pairs), ``goal`` (a labelled line), ``lang`` (``"en"`` or ``"nb"``; default from the
        locale), ``width`` and ``height`` in pixels (1200 x 750), ``poster`` (``"a3"``,
        ``"a4"``), ``scales`` (``"fixed"`` or ``"free_y"`` for facets), ``scale`` (text size).
        """
        fmt = format.lower()
        return Figure(self._render(fmt, options), fmt)

    def save(self, path: Union[str, os.PathLike[str]], format: Optional[str] = None, **options: Any) -> None:
        """Writes the chart to ``path`` as PNG, SVG or PDF (from its suffix unless ``format``)."""
        fmt = (format or os.path.splitext(os.fspath(path))[1].lstrip(".")).lower()
        if fmt not in ("png", "svg", "pdf"):
            raise RenderError(f"cannot tell the image format of '{os.fspath(path)}': use .png, .svg or .pdf, or format=")
        picture = self._render(fmt, options)  # first, so that a bad option leaves the file as it was
        _spc._write_file(path, picture)  # whole or not at all

    def _repr_svg_(self) -> Optional[str]:
        if self._svg is None:
            try:
                self._svg = self.to_svg()
            except RenderError:
                return None
        return self._svg

    def _repr_png_(self) -> Optional[bytes]:
        try:
            return self.to_png()
        except RenderError:
            return None

    def _repr_html_(self) -> str:
        import html

        svg = self._repr_svg_() or ""
        text = html.escape(self.summary_text())
        warn = "".join(f"<li>{html.escape(w)}</li>" for w in self.warnings)
        warn_html = f"<ul class='spc-warnings'>{warn}</ul>" if warn else ""
        return (
            f"<div class='spc-chart'><div style='max-width:100%'>{svg}</div>"
            f"<details><summary>Summary</summary><pre>{text}</pre></details>{warn_html}</div>"
        )


class Figure:
    """A drawn chart (SVG, PNG or PDF bytes) that Jupyter shows inline."""

    def __init__(self, data: bytes, format: str) -> None:
        self.data = data
        self.format = format

    def save(self, path: Union[str, os.PathLike[str]]) -> None:
        """Writes the picture to ``path`` (whole or not at all)."""
        _spc._write_file(path, self.data)

    def _repr_svg_(self) -> Optional[str]:
        return self.data.decode() if self.format == "svg" else None

    def _repr_png_(self) -> Optional[bytes]:
        return self.data if self.format == "png" else None

    def __repr__(self) -> str:
        return f"<spc.Figure {self.format}, {len(self.data)} bytes>"


# --- conversion of the user's data to polars columns (no statistics here) -------------------

_Values = Any  # a sequence, numpy array, polars/pandas Series or pyarrow array


def _module_type(obj: object, module: str, name: str) -> bool:
    mod = sys.modules.get(module)
    return mod is not None and isinstance(obj, getattr(mod, name))


_AS_IS = (pl.Float64, pl.Date, pl.String)


def _normalise(s: pl.Series, role: str) -> pl.Series:
    """Float64, Date or String: the three types the Rust side reads."""
    dt = s.dtype
    if type(dt) in _AS_IS:
        return s
    if dt.is_numeric() or dt == pl.Boolean or dt == pl.Null:
        return s.cast(pl.Float64)
    if dt == pl.Categorical or dt == pl.Enum:
        return s.cast(pl.String)
    if isinstance(dt, pl.Datetime):
        d = s.dt.date()
        if (s.dt.time() == _dt.time(0)).all():
            return d
        raise _fail(role, f"'{s.name}' has times of day; give dates (Series.dt.date()) or numbers")
    raise _fail(role, f"'{s.name}' has type {dt}; expected numbers, dates or text")


def _series(values: _Values, role: str) -> pl.Series:
    """Values (list, numpy array, pandas/polars Series, pyarrow array) as a polars Series."""
    s: Any
    try:
        if isinstance(values, pl.Series):
            s = values
        elif _module_type(values, "pandas", "Series") or _module_type(values, "pandas", "Index"):
            s = pl.from_pandas(values)
        elif _module_type(values, "pyarrow", "Array") or _module_type(values, "pyarrow", "ChunkedArray"):
            s = pl.Series(values)
        elif _module_type(values, "numpy", "ndarray"):
            s = pl.Series(role, values)  # float64 arrays are not copied
        elif isinstance(values, (str, bytes)) or not isinstance(values, Sequence) and not hasattr(values, "__iter__"):
            raise _fail(role, f"expected a column name or a sequence of values, got {type(values).__name__}")
        else:
            s = pl.Series(role, list(values), strict=False)
    except SpcError:
        raise
    except Exception as e:  # polars, pandas and pyarrow say what they could not convert
        raise _fail(role, f"cannot convert the values to a column: {e}") from None
    if not isinstance(s, pl.Series):  # pl.from_pandas of an Index may give a DataFrame
        raise _fail(role, "expected one column of values")
    return _normalise(s.alias(role), role)


def _frame(data: Any, roles: dict[str, str]) -> tuple[list[pl.Series], list[str]]:
    """The columns named in ``roles`` (role -> name) that ``data`` has, as polars Series, and
    the names of all columns of ``data``."""
    # Each column once, for the first role that names it.
    role_of: dict[str, str] = {}
    for role, name in roles.items():
        role_of.setdefault(name, role)
    names = list(role_of)
    try:
        if isinstance(data, pl.LazyFrame):
            data = data.collect()
        if isinstance(data, pl.DataFrame):
            available = list(data.columns)
            df = data
        elif _module_type(data, "pandas", "DataFrame"):
            available = [str(c) for c in data.columns]
            keep = [c for c in data.columns if str(c) in names]
            df = pl.from_pandas(data[keep]) if keep else pl.DataFrame()
        elif _module_type(data, "pyarrow", "Table") or _module_type(data, "pyarrow", "RecordBatch"):
            available = list(data.column_names)
            keep = [c for c in names if c in available]
            table = pl.from_arrow(data.select(keep)) if keep else pl.DataFrame()
            df = table if isinstance(table, pl.DataFrame) else table.to_frame()
        elif isinstance(data, Mapping):
            available = [str(c) for c in data]
            df = pl.DataFrame({c: _series(data[c], c) for c in names if c in data})
        else:
            raise _fail("data", f"expected a polars or pandas DataFrame, a pyarrow Table, a dict or a CSV path, got {type(data).__name__}")
    except SpcError:
        raise
    except Exception as e:
        raise _fail("data", f"cannot read the columns {names}: {e}") from None
    # Series by series: DataFrame.select would plan and run a query (about 0.2 ms a call), and
    # a new DataFrame of them would cost more than the chart of a short series.
    present = set(df.columns)
    columns = [_normalise(df.get_column(c), role_of[c]) for c in names if c in present]
    return columns, available


def _split_part(part: Any) -> tuple[Any, Any]:
    """``part`` as (positions, part column): an int or a list of ints are positions; a column
    name, a Series or a list of labels (one per row) is a part column."""
    if part is None or isinstance(part, str) or _is_position(part):
        return (None, part) if isinstance(part, str) else (part, None)
    if isinstance(part, pl.Series) or _module_type(part, "pandas", "Series"):
        return None, part
    values = list(part)
    return (values, None) if all(_is_position(p) for p in values) else (None, values)


def qic(
    data: Any = None,
    x: Optional[_Values] = None,
    y: Optional[_Values] = None,
    n: Optional[_Values] = None,
    *,
    chart: Optional[str] = None,
    facet: Optional[_Values] = None,
    freeze: Optional[int] = None,
    freeze_part: Optional[Sequence[int]] = None,
    part: Union[int, Sequence[int], str, None] = None,
    exclude: Union[int, Sequence[int], None] = None,
    multiply: Optional[float] = None,
    cl: Optional[float] = None,
    target: Optional[float] = None,
    method: Optional[str] = None,
    rules: Union[str, Sequence[str], None] = None,
    improvement: Optional[str] = None,
    agg: Optional[str] = None,
    screen_mr: Optional[bool] = None,
    y_neg: Optional[bool] = None,
    lambda_: Optional[float] = None,
    width: Optional[float] = None,
    k: Optional[float] = None,
    h: Optional[float] = None,
    sigma: Optional[float] = None,
    notes: Any = None,
    title: Optional[str] = None,
    subtitle: Optional[str] = None,
    caption: Optional[str] = None,
    xlab: Optional[str] = None,
    ylab: Optional[str] = None,
    lang: Optional[str] = None,
    astronomical: Union[str, Sequence[Any], None] = None,
    baseline: Union[str, "os.PathLike[str]", None] = None,
    sep: Optional[str] = None,
    decimal: Optional[str] = None,
    encoding: Optional[str] = None,
    sheet: Union[str, int, None] = None,
) -> Chart:
    """A run or control chart, computed as qicharts2's ``qic()`` computes it.

    Arguments have the names and meanings of qicharts2 and of ``spc chart``'s flags.

    data
        A polars or pandas DataFrame, a pyarrow Table, a dict of columns, or the path of a CSV
        file (read as ``spc chart`` reads it); ``x``, ``y``, ``n`` and ``facet`` are then column
        names. Without data they are the values themselves (lists, numpy arrays, Series).
    x
        Time (numbers or dates) or categories; default 1, 2, ... Given alone, as in
        ``qic(values)``, it is taken as y, as qicharts2 does.
    y, n
        Values, and denominators for p, pp, np, u, up charts (subgroup sizes for xbar/s).
    chart
        One of ``spc.CHART_NAMES``: ``run, i, mr, xbar, s, r, t, p, pp, np, c, u, up, g, ip``,
        ``ewma``, ``cusum``.
    facet
        A column (or values) splitting the data into one chart per value.
    freeze
        Baseline: centre line and limits from the first ``freeze`` points (of every part).
    freeze_part
        Baseline per part: the first K1 points of part 1, K2 of part 2, ... (0 = the whole part).
    part
        Positions after which a new part starts (an int or a list), or the name of a column
        whose changes mark new parts (or such values as a Series).
    exclude
        Positions left out of the centre line, limits and runs analysis (still shown).
    multiply, cl, target, method, agg, screen_mr, y_neg
        As ``spc chart --multiply/--cl/--target/--method/--agg/--no-screen-mr/--no-y-neg``.
    lambda_, width
        EWMA chart: weight of the newest value (0 < lambda_ <= 1) and limit width in sigmas
        (``spc chart --lambda/--width``; ``lambda`` is a Python keyword).
    k, h, sigma
        CUSUM chart: reference value and decision interval in sigmas; ``sigma`` a known process
        standard deviation (else estimated from the baseline), used by EWMA, CUSUM, I, T, X-bar
        (s̄), R and I' (of one unit) charts.
    rules
        Rule sets for :attr:`Chart.signals`, as ``spc chart --rules``: a string such as
        ``"anhoej,nelson"`` or ``"mdc:shift=6"``, or a list of such strings.
    astronomical
        x values of points the team judges obviously different (IHI "astronomical points"),
        reported in :attr:`Chart.signals` as ``ihi_astronomical`` (``spc chart --astronomical``).
    improvement
        ``"increase"``, ``"decrease"`` or ``"neutral"``: which direction is better, for
        :attr:`Chart.verdict`; it does not change qicharts2's numbers.
    baseline
        A baseline saved by ``spc chart --save-baseline`` (JSON): the chart is judged against
        its centre line and sigma (monitoring), as ``spc chart --baseline``; no verdict.
    sep, decimal, encoding, sheet
        How to read a file given as ``data``, as ``spc chart --sep/--decimal/--encoding/--sheet``
        (detected when not given).

    An option given as None (or not given) takes the library's default, as an ``spc chart``
    flag left out does (chart ``run``, multiply 1, method ``anhoej``, rules ``anhoej``,
    improvement ``neutral``, agg ``mean``, lambda_ 0.2, width 3, k 0.5, h 5).
    notes, title, subtitle, caption, xlab, ylab, lang
        The picture's annotations ({x: text} or (x, text) pairs), texts and language
        (``"en"`` or ``"nb"``; None: nb under a Norwegian locale, else en), as for
        :meth:`Chart.plot`; ``lang`` is also the language of :attr:`Chart.verdict`.

    Positions count the points after rows that share an x have been aggregated, from 1.
    Errors raise a subclass of :class:`SpcError` (a ``ValueError``) carrying the core's message.
    """
    if y is None and x is not None:
        x, y = None, x
    if y is None and data is not None and not _is_table(data):
        data, y = None, data
    if y is None:
        raise _fail("y", "give the values to chart (y)")
    part, part_col = (None, None) if part is None else _split_part(part)
    frame = columns = path = None
    available: list[str] = []
    if (
        type(data) is pl.DataFrame
        and type(y) is str
        and (x is None or type(x) is str)
        and (n is None or type(n) is str)
        and (facet is None or type(facet) is str)
        and (part_col is None or type(part_col) is str)
    ):
        # The common call, first and with as little Python as possible: the Rust side reads
        # the named columns of a polars DataFrame itself.
        frame = data
    elif isinstance(data, (str, os.PathLike)):
        for role, v in (("x", x), ("y", y), ("n", n), ("facet", facet), ("part", part_col)):
            if v is not None and not isinstance(v, str):
                raise _fail(role, "with a CSV file as data, give column names")
        path = os.fspath(data)
    else:
        roles = {"x": x, "y": y, "n": n, "facet": facet, "part": part_col}
        names = {r: v for r, v in roles.items() if isinstance(v, str)}
        if data is not None:
            columns, available = _frame(data, names)
        elif names:
            raise _fail("data", f"column names {list(names.values())} were given but no data to take them from")
        x, n, facet, part_col = (
            v if v is None or isinstance(v, str) else _series(v, r)
            for r, v in (("x", x), ("n", n), ("facet", facet), ("part", part_col))
        )
        y = y if isinstance(y, str) else _series(y, "y")
    try:
        multiply = None if multiply is None else float(multiply)
        lambda_ = None if lambda_ is None else float(lambda_)
        width = None if width is None else float(width)
        k = None if k is None else float(k)
        h = None if h is None else float(h)
        cl = None if cl is None else float(cl)
        target = None if target is None else float(target)
        sigma = None if sigma is None else float(sigma)
    except (TypeError, ValueError):
        # As float() takes them (the text "100" too); name the first it does not.
        numbers = {"multiply": multiply, "lambda_": lambda_, "width": width, "k": k, "h": h, "cl": cl, "target": target, "sigma": sigma}
        for name, v in numbers.items():
            if v is not None:
                _number(v, name)
        raise
    # By position, in the order of `_spc.qic`'s signature; None is "not given" (the defaults
    # are the library's).
    try:
        result = _spc.qic(
            y,
            x,
            n,
            facet,
            part_col,
            frame,
            columns,
            available,
            path,
            chart,
            None if freeze is None else _positions(freeze, "freeze")[0],  # type: ignore[index]
            None if freeze_part is None else _positions(freeze_part, "freeze_part"),
            None if part is None else _positions(part, "part"),  # type: ignore[arg-type]
            None if exclude is None else _positions(exclude, "exclude"),
            multiply,
            cl,
            target,
            method,
            agg,
            None if screen_mr is None else bool(screen_mr),
            None if y_neg is None else bool(y_neg),
            lambda_,
            width,
            k,
            h,
            sigma,
            None if rules is None else _names(rules),
            improvement,
            lang,
            [] if astronomical is None else _x_strings(astronomical, "astronomical"),
            None if baseline is None else os.fspath(baseline),
            sep,
            decimal,
            encoding,
            None if sheet is None else str(sheet),
        )
    except (TypeError, OverflowError) as e:
        # The binding's arguments have this function's names and values (chart, method, ...).
        error = _binding_error(e, locals(), {})
        if error is None:
            raise
        raise error from None
    if title is None and subtitle is None and caption is None and xlab is None and ylab is None and notes is None and lang is None:
        return Chart(result, improvement=improvement)  # the common call: no options to pass
    return Chart(
        result,
        improvement=improvement,
        title=title,
        subtitle=subtitle,
        caption=caption,
        xlab=xlab,
        ylab=ylab,
        notes=None if notes is None else _notes(notes) or None,
        lang=lang,
    )


def _is_table(data: Any) -> bool:
    return (
        isinstance(data, (pl.DataFrame, pl.LazyFrame, Mapping, str, os.PathLike))
        or _module_type(data, "pandas", "DataFrame")
        or _module_type(data, "pyarrow", "Table")
        or _module_type(data, "pyarrow", "RecordBatch")
    )


class MdcChart:
    """An NHS "Making Data Count" XmR chart (NHSRplotthedots), as ``spc mdc`` computes it.

    ``data`` has one row per point (x, facet when faceted, y, cl, lcl, ucl, part, point_type,
    target: the columns of ``spc mdc --data``), ``icons`` one row per facet (facet when
    faceted, x of the last point, variation_icon, assurance_icon: null without a target).
    """

    def __init__(self, result: _spc.MdcResult) -> None:
        self._result = result

    @functools.cached_property
    def data(self) -> pl.DataFrame:
        """One row per point, ordered by facet then x."""
        return self._result.data()

    @functools.cached_property
    def icons(self) -> pl.DataFrame:
        """The variation and assurance icons of each facet, from its last point."""
        return self._result.icons()

    @property
    def warnings(self) -> list[str]:
        """Short groups (trial limits)."""
        return self._result.warnings

    def __len__(self) -> int:
        return len(self._result)

    def __repr__(self) -> str:
        return f"<spc.MdcChart: {len(self)} points, {self.icons.height} facet(s)>"


def mdc(
    data: Any = None,
    x: Optional[_Values] = None,
    y: Optional[_Values] = None,
    *,
    facet: Optional[_Values] = None,
    improvement: Optional[str] = None,
    target: Union[float, Mapping[str, float], None] = None,
    target_col: Optional[_Values] = None,
    rebase: Any = None,
    fix_after: Optional[int] = None,
    screen_outliers: Optional[bool] = None,
    shift_n: Optional[int] = None,
    trend_n: Optional[int] = None,
) -> MdcChart:
    """An NHS "Making Data Count" XmR chart, as NHSRplotthedots' ``ptd_spc()`` and ``spc mdc``.

    data
        As for :func:`qic` (a DataFrame, a pyarrow Table, a dict of columns or a CSV path);
        ``x``, ``y``, ``facet`` and ``target_col`` are then column names, else values.
    improvement
        ``"increase"``, ``"decrease"`` or ``"neutral"``: which direction is better.
    target
        One target for every facet, or a dict facet -> target; ``target_col`` a column of
        targets per row.
    rebase
        x values (dates or text) from which the limits are recalculated, or a dict facet ->
        such values.
    fix_after, screen_outliers, shift_n, trend_n
        As ``spc mdc --fix-after/--no-screen-outliers/--shift-n/--trend-n``.

    An option given as None (or not given) takes the library's default, as an ``spc mdc`` flag
    left out does (improvement ``increase``, screen_outliers on, shift_n 7, trend_n 7).
    """
    if x is None:
        raise _fail("x", "an MDC chart needs x (dates)")
    if y is None:
        raise _fail("y", "give the values to chart (y)")
    roles = {"x": x, "y": y, "facet": facet, "target_col": target_col}
    kwargs: dict[str, Any] = {}
    if isinstance(data, (str, os.PathLike)):
        for role, v in roles.items():
            if v is not None and not isinstance(v, str):
                raise _fail(role, "with a CSV file as data, give column names")
        kwargs["path"] = os.fspath(data)
        args = roles
    else:
        names = {r: v for r, v in roles.items() if isinstance(v, str)}
        if data is not None:
            kwargs["data"], kwargs["available"] = _frame(data, names)
        elif names:
            raise _fail("data", f"column names {list(names.values())} were given but no data to take them from")
        args = {r: (v if v is None or isinstance(v, str) else _series(v, r)) for r, v in roles.items()}
    if isinstance(target, Mapping):
        kwargs["facet_targets"] = {str(f): _number(t, "target") for f, t in target.items()}
    elif target is not None:
        kwargs["target"] = _number(target, "target")
    if isinstance(rebase, Mapping):
        kwargs["facet_rebase"] = {str(f): _x_strings(v, "rebase") for f, v in rebase.items()}
    elif rebase is not None:
        kwargs["rebase"] = _x_strings(rebase, "rebase")
    for name, v in (("fix_after", fix_after), ("shift_n", shift_n), ("trend_n", trend_n)):
        if v is not None and (isinstance(v, bool) or not hasattr(v, "__index__") or int(v) < 0):
            raise _fail(name, f"expected a whole number >= 0, got {v!r}")
    options = dict(
        x=args["x"],
        facet=args["facet"],
        target_col=args["target_col"],
        improvement=improvement,
        fix_after=None if fix_after is None else int(fix_after),
        screen_outliers=None if screen_outliers is None else bool(screen_outliers),
        shift_n=None if shift_n is None else int(shift_n),
        trend_n=None if trend_n is None else int(trend_n),
        **kwargs,
    )
    result = _call(_spc.mdc, [args["y"]], options, {})
    return MdcChart(result)


# The files of a spec that `from_spec` writes (its Python name -> what ChartResult.write writes).
_SPEC_FILES = {"data_csv": "data", "summary_csv": "summary", "signals_csv": "signals", "save_baseline": "baseline"}
# Options whose values are the data: a column name is a spec key, values are not.
_COLUMN_OPTIONS = ("data", "x", "y", "n", "facet", "part")


def _spec_source(spec: Any) -> tuple[str, bool]:
    """(text, is_path): a path (str or os.PathLike) or TOML text (a str with a line break)."""
    if isinstance(spec, os.PathLike):
        return os.fspath(spec), True
    if isinstance(spec, str):
        return spec, "\n" not in spec
    raise _fail("spec", f"expected the path of a spec file or its TOML text, got {type(spec).__name__}")


def _plain(name: str, value: Any) -> bool:
    """Whether an option's value is one a spec file can hold (text, a number, true/false, a
    path, a list of them); other values (DataFrames, Series, notes as pairs) go to qic as they are."""
    scalar = (str, bool, int, float, os.PathLike)
    if value is None or isinstance(value, scalar):
        return True
    if name in _COLUMN_OPTIONS and name != "part" or name == "notes":
        return False
    return isinstance(value, (list, tuple)) and all(isinstance(v, scalar) for v in value)


def from_spec(spec: Union[str, "os.PathLike[str]"], **overrides: Any) -> Chart:
    """The chart of a ``spc chart --spec`` TOML file (a path, or the TOML text itself), read
    by the same parser as the command line: every key (the long flags, ``-`` or ``_``) works,
    and an unknown key raises :class:`InvalidArgumentError` naming it.

    The keys set the arguments of :func:`qic` (``input`` is ``data``, ``no-screen-mr`` /
    ``no-y-neg`` are ``screen_mr`` / ``y_neg = False``, ``note`` and ``notes`` are ``notes``),
    the picture (``goal``, ``poster``, ``size``, ``scales``: :attr:`Chart.render_options`) and
    the files written, as ``spc chart`` writes them: ``output`` (the image), ``data``,
    ``summary``, ``signals`` and ``save-baseline`` (``data_csv``, ``summary_csv``,
    ``signals_csv``, ``save_baseline`` as keyword arguments). ``batch`` (one image per value)
    is for ``spc chart --spec``; here it is an error.

    Keyword arguments override the file, as flags do on the command line: :func:`qic`'s
    arguments (``data`` may be a DataFrame, ``x``/``y`` values), the picture's, the files'.
    """
    text, is_path = _spec_source(spec)
    plain = {k: (os.fspath(v) if isinstance(v, os.PathLike) else v) for k, v in overrides.items() if _plain(k, v)}
    objects = {k: v for k, v in overrides.items() if k not in plain}
    # The names of the other overrides are checked too (None: not given).
    parsed = _call(_spc.read_spec, [text, is_path, {**plain, **dict.fromkeys(objects)}], {}, {})
    if "batch" in parsed["batch"]:
        raise _fail(
            "batch",
            "one image per value is written by `spc chart --spec FILE`; spc.from_spec computes one chart",
        )
    chart = qic(**{**parsed["qic"], **objects})
    chart.render_options.update(parsed["picture"])
    files = parsed["files"]
    for name, what in _SPEC_FILES.items():
        if name in files:
            chart._result.write(what, files[name])
    if "output" in files:
        chart.save(files["output"])
    return chart


def to_spec(data: Union[str, "os.PathLike[str]", None] = None, **options: Any) -> str:
    """The spec (TOML) of a chart, as ``spc chart --print-spec`` writes it: ``data`` a file
    path, the options those of :func:`qic` (columns by name), the picture's (``goal``,
    ``poster``: True, ``"a3"`` or ``"a4"``; ``size``: ``"1600x900"`` or a paper; ``scales``)
    and the files to write (``output``, ``data_csv``, ``summary_csv``, ``signals_csv``,
    ``save_baseline``; ``batch``, ``out_dir``, ``format``; ``notes_file``). Run it with
    ``spc chart --spec FILE`` or :func:`from_spec`. An option a spec cannot hold raises
    :class:`InvalidArgumentError` naming it.
    """
    opts: dict[str, Any] = {"data": data, **options}
    for name, value in opts.items():
        if isinstance(value, os.PathLike):
            opts[name] = os.fspath(value)
        elif name in _COLUMN_OPTIONS and value is not None and not _plain(name, value):
            raise _fail(name, "a spec names columns and files: give a column name (or a file path as data)")
    if opts.get("notes") is not None:
        opts["notes"] = _notes(opts["notes"])
    if opts.get("astronomical") is not None:
        opts["astronomical"] = _x_strings(opts["astronomical"], "astronomical")
    return str(_call(_spc.write_spec, [opts], {}, {}))


from . import kostra  # noqa: E402  (uses the classes above)
