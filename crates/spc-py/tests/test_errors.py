"""Every exception class: raised by a real call, with its type and the core's message."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import spc
from conftest import ROOT

Y12 = [5.0, 7.0, 6.0, 8.0, 7.0, 9.0, 6.0, 7.0, 8.0, 6.0, 7.0, 5.0]


def raises(cls: type[BaseException], message: str, **kwargs: object) -> None:
    with pytest.raises(cls) as info:
        spc.qic(**kwargs)  # type: ignore[arg-type]
    assert type(info.value) is cls
    assert str(info.value) == message
    assert isinstance(info.value, spc.SpcError) and isinstance(info.value, ValueError)


def test_unknown_chart_kind() -> None:
    raises(
        spc.UnknownChartKindError,
        f"unknown chart kind 'zz': expected one of {spc.CHART_NAMES}",
        y=Y12,
        chart="zz",
    )


def test_unknown_option() -> None:
    raises(
        spc.UnknownOptionError,
        "unknown value 'best' for method: expected one of anhoej, bestbox, cutbox",
        y=Y12,
        method="best",
    )
    raises(spc.UnknownOptionError, "unknown value 'max' for agg: expected one of mean, median, sum", y=Y12, agg="max")


def test_missing_column() -> None:
    df = pl.DataFrame({"week": range(12), "value": Y12})
    raises(
        spc.MissingColumnError,
        "column 'verdi' not found; the columns are: week, value",
        data=df,
        x="week",
        y="verdi",
    )


def test_missing_column_of_a_csv_file_names_the_file() -> None:
    path = ROOT / "data" / "sykefravaer_totalt.csv"
    raises(
        spc.MissingColumnError,
        f"{path}: column 'prosent' not found; the columns are: kvartal, sykefravær_prosent",
        data=path,
        x="kvartal",
        y="prosent",
    )


def test_missing_denominator() -> None:
    raises(spc.MissingDenominatorError, "a p chart needs a denominator: give n (--n COLUMN)", y=Y12, chart="p")


def test_negative_denominator() -> None:
    n = [50.0] * 12
    n[3] = -2.0
    raises(
        spc.NegativeDenominatorError,
        "row 4, column 'n': negative denominator -2: denominators must be >= 0",
        y=Y12,
        n=n,
        chart="p",
    )


def test_length_mismatch() -> None:
    raises(spc.LengthMismatchError, "x has 11 values but y has 12", x=list(range(11)), y=Y12)
    raises(spc.LengthMismatchError, "n has 3 values but y has 12", y=Y12, n=[1, 2, 3], chart="u")


def test_freeze_beyond_data() -> None:
    raises(
        spc.FreezeBeyondDataError,
        "freeze = 20 is beyond the data: there are only 12 points after aggregation",
        y=Y12,
        chart="i",
        freeze=20,
    )


def test_part_out_of_range() -> None:
    raises(
        spc.PartOutOfRangeError,
        "part position 12 is out of range: it must be between 1 and 11 (the number of points minus one)",
        y=Y12,
        part=12,
    )


def test_exclude_out_of_range() -> None:
    raises(
        spc.ExcludeOutOfRangeError,
        "exclude position 13 is out of range: it must be between 1 and 12",
        y=Y12,
        exclude=[2, 13],
    )


def test_freeze_part_count() -> None:
    raises(spc.FreezePartCountError, "freeze_part has 1 values but there are 2 parts", y=Y12, part=6, freeze_part=[3])


def test_too_few_points() -> None:
    raises(
        spc.TooFewPointsError,
        "too few points for the centre line and limits of an I chart: 2 needed, 1 given in part 1 "
        "(non-missing, included baseline points)",
        y=[4.0],
        chart="i",
    )


def test_not_a_number() -> None:
    df = pl.DataFrame({"uke": ["1", "2", "3"], "verdi": ["4,5", "x", "6"]})
    raises(spc.NotANumberError, "row 1, column 'verdi': '4,5' is not a number", data=df, x="uke", y="verdi")


def test_not_a_number_in_a_csv_file(tmp_path: Path) -> None:
    f = tmp_path / "d.csv"
    f.write_text("x,y\n1,2\n2,abc\n")
    raises(spc.NotANumberError, f"{f}: row 3, column 'y': 'abc' is not a number", data=f, x="x", y="y")


def test_invalid_argument() -> None:
    raises(
        spc.InvalidArgumentError,
        "invalid multiply: must be a finite number other than 0, got 0",
        y=Y12,
        multiply=0,
    )
    raises(spc.InvalidArgumentError, "invalid multiply: expected a number, got 'x'", y=Y12, multiply="x")
    raises(spc.InvalidArgumentError, "invalid cl: expected a number, got [1]", y=Y12, cl=[1])
    raises(spc.InvalidArgumentError, "invalid sigma: expected a number, got 'two'", y=Y12, sigma="two", chart="i")
    raises(spc.InvalidArgumentError, "invalid lambda_: expected a number, got 'x'", y=Y12, lambda_="x", chart="ewma")
    raises(spc.InvalidArgumentError, "invalid chart: got 5: 'int' object is not an instance of 'str'", y=Y12, chart=5)
    raises(spc.InvalidArgumentError, "invalid method: got 3: 'int' object is not an instance of 'str'", y=Y12, method=3)
    raises(spc.InvalidArgumentError, "invalid agg: got ['mean']: 'list' object is not an instance of 'str'", y=Y12, agg=["mean"])
    raises(spc.InvalidArgumentError, "invalid lang: got 1: 'int' object is not an instance of 'str'", y=Y12, lang=1)
    raises(
        spc.UnknownOptionError,
        "unknown value '3' for rules: expected one of anhoej, ihi, western-electric, nelson, mdc (or mdc6)",
        y=Y12,
        rules=3,
    )
    raises(
        spc.InvalidArgumentError,
        "invalid notes: give a dict {x: text} or a list of (x, text) pairs, got 5",
        y=Y12,
        notes=5,
    )
    raises(spc.InvalidArgumentError, "invalid freeze: positions count from 1, got 0", y=Y12, freeze=0)
    raises(spc.InvalidArgumentError, "invalid exclude: positions count from 1, got -1", y=Y12, exclude=-1)
    raises(
        spc.UnknownOptionError,
        "unknown value 'up' for improvement: expected one of increase, decrease, neutral",
        y=Y12,
        improvement="up",
    )
    raises(
        spc.InvalidArgumentError,
        "invalid x: 't' has times of day; give dates (Series.dt.date()) or numbers",
        data=pl.DataFrame({"t": pl.datetime_range(pl.datetime(2024, 1, 1), pl.datetime(2024, 1, 1, 11), "1h", eager=True), "y": Y12}),
        x="t",
        y="y",
    )


def test_invalid_value() -> None:
    raises(spc.InvalidValueError, "row 2, column 'y': value is inf; values must be finite", y=[1.0, float("inf"), 2.0])
    raises(spc.InvalidValueError, "row 2, column 'y': a T chart needs times between events > 0, got 0", y=[1.0, 0.0, 2.0], chart="t")


def test_io_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    raises(spc.SpcIOError, f"{missing}: No such file or directory (os error 2)", data=missing, x="x", y="y")


def test_internal_error_from_a_panic() -> None:
    """A Rust panic reaches Python as spc.InternalError (an SpcError), not as a crash."""
    with pytest.raises(spc.InternalError) as info:
        spc._spc._panic_for_test()
    assert str(info.value) == (
        "internal error in spc (please report it): a panic raised on purpose by spc._spc._panic_for_test"
    )
    assert isinstance(info.value, spc.SpcError)


def test_render_error(tmp_path: Path) -> None:
    chart = spc.qic(y=Y12, chart="i")
    with pytest.raises(spc.RenderError) as info:
        chart.to_png(width=10)
    assert str(info.value) == "image size 10x750: width must be 200 to 20000 and height 150 to 20000 pixels"
    with pytest.raises(spc.RenderError) as info:
        chart.save(tmp_path / "chart.gif")
    assert str(info.value) == f"cannot tell the image format of '{tmp_path / 'chart.gif'}': use .png, .svg or .pdf, or format="
    with pytest.raises(spc.RenderError) as info:
        chart.plot(lang="de")
    assert str(info.value) == "unknown lang 'de': expected en or nb"
    with pytest.raises(spc.RenderError) as info:
        chart.plot(scale=0)
    assert str(info.value) == "scale 0: must be 0.2 to 10 (1 = the default)"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"width": "big"}, "invalid width: got 'big': 'str' object cannot be interpreted as an integer"),
        ({"height": -5}, "invalid height: got -5: out of range integral type conversion attempted"),
        ({"width": 1000.0}, "invalid width: got 1000.0: 'float' object cannot be interpreted as an integer"),
        ({"scale": "x"}, "invalid scale: got 'x': must be real number, not str"),
        ({"goal": "high"}, "invalid goal: got 'high': must be real number, not str"),
        ({"title": 5}, "invalid title: got 5: 'int' object is not an instance of 'str'"),
        ({"lang": 3}, "invalid lang: got 3: 'int' object is not an instance of 'str'"),
        ({"scales": 3}, "invalid scales: got 3: 'int' object is not an instance of 'str'"),
        (
            {"colour": "red"},
            "unknown picture option 'colour': expected one of title, subtitle, caption, xlab, ylab, notes, goal, lang,"
            " width, height, poster, scales, scale",
        ),
    ],
)
def test_picture_options_of_the_wrong_type_are_named(tmp_path: Path, options: dict, message: str) -> None:
    """A picture option the renderer cannot take raises RenderError naming it, and save()
    leaves an existing file as it was."""
    chart = spc.qic(y=Y12, chart="i")
    with pytest.raises(spc.RenderError) as info:
        chart.plot("png", **options)
    assert str(info.value) == message
    path = tmp_path / "chart.png"
    path.write_bytes(b"the poster of last week")
    with pytest.raises(spc.RenderError):
        chart.save(path, **options)
    assert path.read_bytes() == b"the poster of last week"


def test_polars_error_is_mapped() -> None:
    """spc_core::Error::Polars (building a result DataFrame failed) cannot be provoked from
    valid results; its class exists and is an SpcError."""
    assert issubclass(spc.PolarsError, spc.SpcError)


def test_every_class_is_an_spc_error_and_exported() -> None:
    names = [n for n in spc.__all__ if n.endswith("Error")]
    assert len(names) == 20  # 18 core error kinds (UnknownRegionError for KOSTRA codes), InternalError, RenderError
    for name in names:
        cls = getattr(spc, name)
        assert issubclass(cls, spc.SpcError) and issubclass(cls, ValueError)
        assert cls is getattr(spc._spc, name)


@pytest.mark.parametrize(
    ("kwargs", "cls", "message"),
    [
        ({"chart": "ewma", "lambda_": 2}, spc.InvalidArgumentError, "invalid lambda_: must be in (0, 1], got 2"),
        ({"chart": "ewma", "width": -1}, spc.InvalidArgumentError, "invalid width: must be a number >= 0, got -1"),
        ({"chart": "cusum", "k": float("nan")}, spc.InvalidArgumentError, "invalid k: must be a number >= 0, got NaN"),
        ({"chart": "cusum", "h": float("inf")}, spc.InvalidArgumentError, "invalid h: must be a number >= 0, got inf"),
        ({"chart": "i", "sigma": 0}, spc.InvalidArgumentError, "invalid sigma: must be a number > 0, got 0"),
        ({"multiply": float("inf")}, spc.InvalidArgumentError, "invalid multiply: must be a finite number other than 0, got inf"),
        ({"cl": float("inf")}, spc.InvalidArgumentError, "invalid cl: must be a finite number, got inf"),
        ({"target": float("nan")}, spc.InvalidArgumentError, "invalid target: must be a finite number, got NaN"),
        ({"freeze": 0}, spc.InvalidArgumentError, "invalid freeze: positions count from 1, got 0"),
        ({"rules": "mdc:shift=1"}, spc.InvalidArgumentError, "invalid rules: 'shift=1' in 'mdc:shift=1': expected THRESHOLD=N with a whole number N >= 2 (shift, trend or run)"),
        ({"improvement": "up"}, spc.UnknownOptionError, "unknown value 'up' for improvement: expected one of increase, decrease, neutral"),
        ({"lang": "sv"}, spc.UnknownOptionError, "unknown value 'sv' for lang: expected one of en, nb, nn, no"),
        ({"astronomical": "13"}, spc.InvalidArgumentError, "invalid astronomical: '13' is not an x of the chart"),
        ({"sep": ";"}, spc.InvalidArgumentError, "invalid sep: reads a file: give the path of a CSV or spreadsheet file as data"),
    ],
)
def test_every_checked_option_is_named(kwargs: dict, cls: type, message: str) -> None:
    """The checks are the library's (as spc chart's: crates/spc-cli/tests/conventions.rs), the
    messages name the option as spc.qic does."""
    raises(cls, message, y=Y12, **kwargs)


def test_checked_options_of_a_file_and_a_baseline(tmp_path: Path) -> None:
    f = tmp_path / "d.csv"
    f.write_text("x;y\n" + "".join(f"{i};{v}\n" for i, v in enumerate(Y12, 1)))
    raises(spc.InvalidArgumentError, "invalid decimal: unknown decimal mark 'x': expected '.' or ','", data=f, x="x", y="y", decimal="x")
    raises(spc.UnknownOptionError, "unknown value 'ebcdic' for encoding: expected one of utf8, latin1", data=f, x="x", y="y", encoding="ebcdic")
    baseline = tmp_path / "b.json"
    spc.from_spec(spc.to_spec(f, x="x", y="y", chart="i", save_baseline=baseline))
    raises(
        spc.InvalidArgumentError,
        "invalid baseline: a saved baseline sets the lines; leave out freeze",
        data=f, x="x", y="y", chart="i", baseline=baseline, freeze=6,
    )
    # Judged against the saved baseline: its centre line, no verdict (as spc chart --baseline).
    monitored = spc.qic(f, x="x", y="y", chart="i", baseline=baseline)
    assert monitored.data["cl"].to_list() == pytest.approx([sum(Y12) / 12] * 12, rel=1e-12)
    assert monitored.verdict.height == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"shift_n": 1}, "invalid shift_n: a shift needs at least 2 points, got 1"),
        ({"trend_n": 2}, "invalid trend_n: a trend needs at least 3 points, got 2"),
        ({"fix_after": 0}, "invalid fix_after: must be at least 1"),
        ({"target": float("inf")}, "invalid target: must be a finite number, got inf"),
        ({"target": {"a": float("nan")}}, "invalid target: must be a finite number, got NaN"),
    ],
)
def test_every_checked_mdc_option_is_named(kwargs: dict, message: str) -> None:
    x = [f"2024-01-{d:02d}" for d in range(1, 13)]
    with pytest.raises(spc.InvalidArgumentError) as info:
        spc.mdc(x=x, y=Y12, **kwargs)
    assert str(info.value) == message
