# Type stub of the compiled module spc._spc (checked by `python -m mypy.stubtest spc._spc`).
from os import PathLike
from typing import Mapping, Optional, Sequence, Union, final

import polars as pl

__all__ = [
    "__version__",
    "CHART_NAMES",
    "ChartResult",
    "qic",
    "MdcResult",
    "mdc",
    "_panic_for_test",
    "render",
    "_write_file",
    "read_spec",
    "write_spec",
    "FunnelResult",
    "kostra_read",
    "kostra_harmonise",
    "kostra_aggregate",
    "kostra_compare",
    "kostra_funnel",
    "kostra_charts",
    "kostra_dashboard",
    "UnknownRegionError",
    "SpcError",
    "UnknownChartKindError",
    "UnknownOptionError",
    "MissingColumnError",
    "MissingDenominatorError",
    "NegativeDenominatorError",
    "LengthMismatchError",
    "FreezeBeyondDataError",
    "PartOutOfRangeError",
    "ExcludeOutOfRangeError",
    "FreezePartCountError",
    "TooFewPointsError",
    "NotANumberError",
    "InvalidArgumentError",
    "InvalidValueError",
    "SpcIOError",
    "PolarsError",
    "InternalError",
    "RenderError",
]

__version__: str
CHART_NAMES: str

_Col = Union[str, pl.Series]

@final
class ChartResult:
    @property
    def warnings(self) -> list[str]: ...
    @property
    def chart(self) -> str: ...
    @property
    def _timings(self) -> dict[str, float]: ...
    def data(self) -> pl.DataFrame: ...
    def summary(self) -> pl.DataFrame: ...
    def write(self, what: str, path: Union[str, PathLike[str]]) -> None: ...
    def signals(self) -> pl.DataFrame: ...
    def verdict(self) -> pl.DataFrame: ...
    def summary_text(self) -> str: ...
    def __len__(self) -> int: ...

def qic(
    y: _Col,
    x: Optional[_Col],
    n: Optional[_Col],
    facet: Optional[_Col],
    part_col: Optional[_Col],
    frame: Optional[pl.DataFrame],
    data: Optional[list[pl.Series]],
    available: list[str],
    path: Union[str, PathLike[str], None],
    chart: Optional[str],
    freeze: Optional[int],
    freeze_part: Optional[list[int]],
    part: Optional[list[int]],
    exclude: Optional[list[int]],
    multiply: Optional[float],
    cl: Optional[float],
    target: Optional[float],
    method: Optional[str],
    agg: Optional[str],
    screen_mr: Optional[bool],
    y_neg: Optional[bool],
    lambda_: Optional[float],
    width: Optional[float],
    k: Optional[float],
    h: Optional[float],
    sigma: Optional[float],
    rules: Optional[list[str]],
    improvement: Optional[str],
    lang: Optional[str],
    astronomical: list[str],
    baseline: Union[str, PathLike[str], None],
    sep: Optional[str],
    decimal: Optional[str],
    encoding: Optional[str],
    sheet: Optional[str],
) -> ChartResult: ...

@final
class MdcResult:
    @property
    def warnings(self) -> list[str]: ...
    def data(self) -> pl.DataFrame: ...
    def icons(self) -> pl.DataFrame: ...
    def __len__(self) -> int: ...

def mdc(
    y: _Col,
    *,
    x: _Col,
    facet: Optional[_Col] = None,
    target_col: Optional[_Col] = None,
    data: Optional[list[pl.Series]] = None,
    available: list[str] = ...,
    path: Union[str, PathLike[str], None] = None,
    improvement: Optional[str] = None,
    target: Optional[float] = None,
    facet_targets: dict[str, float] = ...,
    rebase: list[str] = ...,
    facet_rebase: dict[str, list[str]] = ...,
    fix_after: Optional[int] = None,
    screen_outliers: Optional[bool] = None,
    shift_n: Optional[int] = None,
    trend_n: Optional[int] = None,
) -> MdcResult: ...
def _panic_for_test() -> None: ...
def render(
    chart: ChartResult,
    format: str,
    *,
    title: Optional[str] = None,
    subtitle: Optional[str] = None,
    caption: Optional[str] = None,
    xlab: Optional[str] = None,
    ylab: Optional[str] = None,
    notes: list[tuple[str, str]] = ...,
    goal: Optional[float] = None,
    lang: Optional[str] = None,
    width: Optional[int] = None,
    height: Optional[int] = None,
    poster: Optional[str] = None,
    scales: Optional[str] = None,
    scale: Optional[float] = None,
) -> bytes: ...
def read_spec(spec: str, is_path: bool, overrides: Mapping[str, object]) -> dict[str, dict[str, object]]: ...
def write_spec(options: Mapping[str, object]) -> str: ...

def _write_file(path: Union[str, PathLike[str]], data: bytes) -> None: ...

class SpcError(ValueError): ...
class UnknownChartKindError(SpcError): ...
class UnknownOptionError(SpcError): ...
class MissingColumnError(SpcError): ...
class MissingDenominatorError(SpcError): ...
class NegativeDenominatorError(SpcError): ...
class LengthMismatchError(SpcError): ...
class FreezeBeyondDataError(SpcError): ...
class PartOutOfRangeError(SpcError): ...
class ExcludeOutOfRangeError(SpcError): ...
class FreezePartCountError(SpcError): ...
class TooFewPointsError(SpcError): ...
class NotANumberError(SpcError): ...
class InvalidArgumentError(SpcError): ...
class InvalidValueError(SpcError): ...
class SpcIOError(SpcError): ...
class PolarsError(SpcError): ...
class InternalError(SpcError): ...
class RenderError(SpcError): ...

# --- spc.kostra ------------------------------------------------------------------------------

_Table = Union[tuple[bytes, str], str, PathLike[str]]
_Groups = Union[Sequence[tuple[str, int]], str, PathLike[str], None]

def kostra_read(source: _Table) -> tuple[pl.DataFrame, list[str]]: ...
def kostra_harmonise(
    source: _Table, to_year: int, *, mapping: Union[str, PathLike[str], None] = None, rates: Sequence[str] = ...
) -> tuple[pl.DataFrame, list[str]]: ...
def kostra_aggregate(
    source: _Table,
    to: str,
    *,
    groups: _Groups = None,
    group_column: Optional[str] = None,
    rates: Sequence[str] = ...,
    population: Optional[_Table] = None,
) -> tuple[pl.DataFrame, list[str]]: ...
def kostra_compare(
    source: _Table,
    region: str,
    groups: _Groups,
    *,
    group_column: Optional[str] = None,
    indicators: Sequence[str] = ...,
    rates: Sequence[str] = ...,
    population: Optional[_Table] = None,
    zscores: bool = False,
    reference: Optional[str] = None,
) -> tuple[pl.DataFrame, list[str]]: ...
@final
class FunnelResult:
    @property
    def target(self) -> float: ...
    @property
    def target_given(self) -> bool: ...
    @property
    def phi(self) -> Optional[float]: ...
    @property
    def tau2(self) -> Optional[float]: ...
    @property
    def adjusted(self) -> bool: ...
    @property
    def spec(self) -> tuple[str, float, list[float], str, str]: ...
    @property
    def what(self) -> tuple[str, str]: ...
    @property
    def highlight(self) -> Optional[str]: ...
    def data(self) -> pl.DataFrame: ...
    def render(
        self,
        format: str,
        *,
        title: Optional[str] = None,
        subtitle: Optional[str] = None,
        xlab: Optional[str] = None,
        ylab: Optional[str] = None,
        lang: Optional[str] = None,
        width: int = 1200,
        height: int = 750,
    ) -> bytes: ...

def kostra_funnel(
    source: _Table,
    indicator: str,
    *,
    period: Optional[str] = None,
    region: Optional[str] = None,
    data_type: Optional[str] = None,
    multiplier: Optional[float] = None,
    target: Optional[float] = None,
    levels: Optional[Sequence[float]] = None,
    method: Optional[str] = None,
    overdispersion: Optional[str] = None,
) -> tuple[FunnelResult, list[str]]: ...
def kostra_charts(
    source: _Table,
    *,
    chart: str = "i",
    regions: Sequence[str] = ...,
    indicators: Sequence[str] = ...,
    years: Sequence[tuple[int, int]] = ...,
    freeze: Optional[int] = None,
    method: Optional[str] = None,
    rules: Sequence[str] = ...,
    multiply: Optional[float] = None,
    summary: bool = False,
) -> tuple[pl.DataFrame, list[str]]: ...
def kostra_dashboard(
    source: _Table,
    region: str,
    *,
    groups: _Groups = None,
    group_column: Optional[str] = None,
    indicators: Sequence[str] = ...,
    years: Sequence[int] = ...,
    chart: Optional[str] = None,
    lang: Optional[str] = None,
    title: Optional[str] = None,
    improvement: Mapping[str, str] = ...,
    targets: Mapping[str, float] = ...,
    freeze: Optional[int] = None,
) -> tuple[str, list[str]]: ...

class UnknownRegionError(SpcError): ...
