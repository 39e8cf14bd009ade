"""spc.qic's inputs (polars, pandas, pyarrow, numpy, dicts, lists, CSV files) and outputs
(DataFrames with the CLI's columns, text, pictures), and the GIL released while computing."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import threading
import time
from io import StringIO
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import spc
from conftest import ROOT

SICK = ROOT / "data" / "sykefravaer_totalt.csv"
CLI = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target") / "debug" / "spc"
Y12 = [5.0, 7.0, 6.0, 8.0, 7.0, 9.0, 6.0, 7.0, 8.0, 6.0, 7.0, 5.0]

DATA_COLUMNS = [
    "x", "y", "n", "cl", "lcl", "ucl", "lcl_95", "ucl_95", "target", "part", "baseline", "include",
    "runs_signal", "sigma_signal", "longest_run", "longest_run_max", "n_crossings",
    "n_crossings_min", "n_obs", "n_useful",
]
SUMMARY_COLUMNS = [
    "facet", "part", "first_x", "last_x", "n_obs", "n_useful", "n_baseline", "cl", "lcl_min",
    "lcl_max", "ucl_min", "ucl_max", "longest_run", "longest_run_max", "n_crossings",
    "n_crossings_min", "runs_signal", "n_sigma_signals",
]


def sick() -> pl.DataFrame:
    return pl.read_csv(SICK)


def test_columns_are_those_of_the_cli() -> None:
    chart = spc.qic(sick(), x="kvartal", y="sykefravær_prosent", chart="i", part=16)
    assert chart.data.columns == DATA_COLUMNS
    assert chart.summary.columns == SUMMARY_COLUMNS
    faceted = spc.qic(x=[1, 2, 1, 2], y=[1.0, 2.0, 3.0, 4.0], facet=["a", "a", "b", "b"])
    assert faceted.data.columns == DATA_COLUMNS[:1] + ["facet"] + DATA_COLUMNS[1:]


@pytest.mark.skipif(not CLI.exists(), reason="target/debug/spc is built by `cargo test` (make test)")
def test_same_numbers_and_text_as_the_cli(tmp_path: Path) -> None:
    args = ["chart", str(SICK), "--chart", "i", "--x", "kvartal", "--y", "sykefravær_prosent", "--part", "16"]
    summary_csv = tmp_path / "summary.csv"
    text = subprocess.run([CLI, *args, "--summary", summary_csv], capture_output=True, text=True, check=True).stdout
    data_csv = subprocess.run([CLI, *args, "--data", "-"], capture_output=True, text=True, check=True).stdout
    chart = spc.qic(sick(), x="kvartal", y="sykefravær_prosent", chart="i", part=16)
    # The CLI prints spc_core::summary_text, then (since the rules landed) its rules and verdict.
    assert text.startswith(chart.summary_text())
    cli = pl.read_csv(StringIO(data_csv), try_parse_dates=True)
    assert cli.columns == chart.data.columns
    assert chart.data.equals(cli.cast(chart.data.schema))  # type: ignore[arg-type]
    cli_summary = pl.read_csv(summary_csv, infer_schema=False)
    ours = chart.summary.cast(pl.String)
    assert cli_summary.columns == ours.columns
    for col in ours.columns:
        for a, b in zip(ours[col].to_list(), cli_summary[col].to_list()):
            assert a == b or (a is not None and b is not None and float(a) == float(b)) or (a is None and b in ("", None))


def test_polars_pandas_pyarrow_dict_numpy_and_lists_agree() -> None:
    df = sick()
    ref = spc.qic(df, x="kvartal", y="sykefravær_prosent", chart="i", freeze=16).data
    x, y = df["kvartal"], df["sykefravær_prosent"]
    for data in (df.to_pandas(), df.to_arrow(), df.to_dict(as_series=False), df.lazy()):
        assert spc.qic(data, x="kvartal", y="sykefravær_prosent", chart="i", freeze=16).data.equals(ref)
    for xs, ys in ((x, y.to_numpy()), (x.to_list(), y.to_list()), (x.to_pandas(), y.to_pandas()), (x.to_arrow(), y.to_arrow())):
        assert spc.qic(x=xs, y=ys, chart="i", freeze=16).data.equals(ref)


def test_csv_path_reads_as_the_cli() -> None:
    a = spc.qic(SICK, x="kvartal", y="sykefravær_prosent", chart="run").data
    b = spc.qic(sick(), x="kvartal", y="sykefravær_prosent", chart="run").data
    assert a.equals(b)
    assert a["x"].dtype == pl.Date and a["x"][0] == dt.date(2000, 4, 1)  # SSB period 2000K2


def test_x_types() -> None:
    dates = [dt.date(2024, 1, 1) + dt.timedelta(days=7 * i) for i in range(12)]
    assert spc.qic(x=dates, y=Y12).data["x"].dtype == pl.Date
    stamps = pd.Series(pd.to_datetime(dates))
    assert spc.qic(x=stamps, y=Y12).data["x"].to_list() == dates
    cats = pl.Series([f"unit {i}" for i in range(12)]).cast(pl.Categorical)
    chart = spc.qic(x=cats, y=Y12, chart="i")
    assert chart.data["x"].dtype == pl.String and chart.data["runs_signal"].sum() == 0
    assert spc.qic(x=np.arange(12), y=np.array(Y12, dtype=np.float32)).data["x"].dtype == pl.Float64


def test_x_alone_is_y_as_in_qicharts2() -> None:
    assert spc.qic(Y12, chart="i").data.equals(spc.qic(y=Y12, chart="i").data)
    assert spc.qic(x=Y12, chart="i").data.equals(spc.qic(y=Y12, chart="i").data)


def test_missing_values_are_gaps() -> None:
    y = [1.0, None, 3.0, float("nan"), 5.0] + Y12
    data = spc.qic(y=y, chart="i").data
    assert data["y"].null_count() == 2 and data.height == 17


def test_part_as_positions_column_or_labels() -> None:
    labels = ["before"] * 6 + ["after"] * 6
    df = pl.DataFrame({"y": Y12, "phase": labels})
    by_pos = spc.qic(df, y="y", chart="i", part=6).data
    assert spc.qic(df, y="y", chart="i", part="phase").data.equals(by_pos)
    assert spc.qic(y=Y12, chart="i", part=labels).data.equals(by_pos)
    assert spc.qic(y=Y12, chart="i", part=[6]).data.equals(by_pos)
    assert by_pos["part"].to_list() == [1] * 6 + [2] * 6


def test_options_reach_the_core() -> None:
    chart = spc.qic(y=[v / 10 for v in Y12], chart="i", multiply=100, target=70, cl=0.7, exclude=[3], y_neg=False)
    d = chart.data
    assert d["cl"][0] == pytest.approx(70.0) and d["target"][0] == 70 and d["include"][2] is False
    ewma = spc.qic(y=Y12, chart="ewma", lambda_=0.5, width=2.5)
    assert ewma.chart == "ewma" and ewma.data.height == 12
    cusum = spc.qic(y=Y12, chart="cusum", k=1.0, h=4.0, sigma=1.0)
    assert cusum.chart == "cusum"
    with pytest.raises(spc.InvalidArgumentError, match=r"invalid lambda_: must be in \(0, 1\], got 2"):
        spc.qic(y=Y12, chart="ewma", lambda_=2)


def test_outputs() -> None:
    chart = spc.qic(sick(), x="kvartal", y="sykefravær_prosent", chart="i", part=16, lang="en")
    assert len(chart) == 46 and chart.chart == "i"
    assert chart.summary_text().startswith("I chart, 46 points")
    nb = spc.qic(sick(), x="kvartal", y="sykefravær_prosent", chart="i", part=16, lang="nb")
    assert nb.summary_text().startswith("I-diagram, 46 punkter"), nb.summary_text()
    pdf = chart.to_pandas()
    assert isinstance(pdf, pd.DataFrame) and list(pdf.columns) == DATA_COLUMNS
    assert isinstance(chart.warnings, list)
    assert "I chart, 46 points" in repr(chart)
    few = spc.qic(y=Y12[:5], chart="i")
    assert few.warnings and all(isinstance(w, str) for w in few.warnings)


def test_counts_above_their_denominator_are_warned() -> None:
    """A P, P' or NP chart of counts above their denominator is drawn, with a warning naming the
    rows (1, 2, ... for values given directly; the file's rows for a CSV file)."""
    y, n = [3.0, 15.0, 4.0, 12.0, 2.0], [10.0, 10.0, 10.0, 8.0, 10.0]
    want = (
        "2 row(s) have a count above their denominator (y > n): a proportion above 1, which a P chart "
        "cannot have (are y and n the right columns?): row(s) 2, 4"
    )
    assert want in spc.qic(y=y, n=n, chart="p").warnings
    assert not any("above their denominator" in w for w in spc.qic(y=y, n=n, chart="u").warnings)


def test_pictures(tmp_path: Path) -> None:
    chart = spc.qic(
        sick(), x="kvartal", y="sykefravær_prosent", chart="i", part=16, title="Sykefravær",
        notes={"2004K2": "IA-avtalen"}, lang="nb",
    )
    svg = chart.to_svg()
    assert svg.lstrip().startswith("<svg") and "Sykefravær" in svg and "IA-avtalen" in svg
    assert chart.to_png()[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart.to_pdf()[:5] == b"%PDF-"
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<svg"), (".pdf", b"%PDF")):
        chart.save(tmp_path / f"c{suffix}")
        assert (tmp_path / f"c{suffix}").read_bytes().lstrip()[:4] == magic
    assert "<svg" in chart._repr_html_() and chart._repr_png_()[:4] == b"\x89PNG"  # type: ignore[index]
    assert chart._repr_svg_() == svg
    fig = chart.plot("png", width=600, height=400, title="Annen tittel")
    assert fig._repr_png_() is not None and fig._repr_svg_() is None
    assert spc.qic(y=Y12, chart="i").plot()._repr_svg_() is not None


def test_save_writes_whole_files_or_none(tmp_path: Path) -> None:
    """save() writes through spc_core::io::write_atomic: a temporary file beside the target,
    renamed into place; nothing else is left, and a folder that does not exist is the OSError
    open() would raise, with no file made."""
    chart = spc.qic(y=Y12, chart="i")
    chart.save(tmp_path / "c.svg")
    chart.plot("png").save(tmp_path / "c.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.png", "c.svg"]
    with pytest.raises(FileNotFoundError):
        chart.save(tmp_path / "missing" / "c.svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.png", "c.svg"]


def test_columns_outlive_their_chart_in_threads() -> None:
    """The module allocates with polars' allocator: columns handed to polars, pandas and
    numpy stay valid after the chart that made them is gone, also when the charts were
    computed (with the GIL released) in other threads."""
    y = np.random.default_rng(2).normal(10, 2, 200_000)
    results: list[tuple[pl.DataFrame, pd.DataFrame]] = []

    def work() -> None:
        for _ in range(3):
            c = spc.qic(y=y, chart="run")
            results.append((c.data, c.to_pandas()))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    import gc

    gc.collect()
    median = float(np.median(y))
    assert len(results) == 9
    for data, frame in results:
        assert data.height == len(y) and len(frame) == len(y)
        assert data["cl"].unique().to_list() == [median]
        assert frame["y"].to_numpy() == pytest.approx(y, rel=0, abs=0)


def test_shared_columns_are_read_in_place_and_never_written() -> None:
    """Float64 columns without nulls are read from polars' buffers, not copied: the chart keeps
    them alive after the user's frame is gone, and a chart that scales y (multiply) works on a
    copy, leaving the user's data as it was."""
    import gc

    rng = np.random.default_rng(4)
    y = rng.normal(50, 5, 10_000)
    df = pl.DataFrame({"x": np.arange(1.0, 10_001.0), "y": y})
    before = df.clone()
    scaled = spc.qic(df, x="x", y="y", chart="i", multiply=100)
    plain = spc.qic(df, x="x", y="y", chart="run")
    assert df.equals(before)
    del df, before
    gc.collect()
    assert scaled.data["y"].to_numpy() == pytest.approx(y * 100, rel=1e-15)
    assert plain.data["y"].to_numpy() == pytest.approx(y, rel=0, abs=0)
    assert plain.data["x"].to_list()[-1] == 10_000.0
    assert plain.summary["cl"][0] == pytest.approx(float(np.median(y)), rel=0, abs=0)


def test_polars_frames_read_in_rust_agree_with_the_python_casts() -> None:
    """A polars DataFrame's columns are read by the Rust side (through the Arrow C stream
    interface, casting integers, booleans and Float32 itself, handing categoricals, datetimes,
    small integers and decimals to the Python side's casts); a dict of the same Series takes the
    general path, where Python casts every column. Both give the same chart, for every type."""
    from decimal import Decimal

    ints = [5, 7, 6, 8, 7, 9, 6, 7, 8, 6, 7, 5]
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=7 * i) for i in range(12)]
    labels = [f"unit {i % 3}" for i in range(12)]
    ys = {
        "y_f64": pl.Series(Y12),
        "y_i64": pl.Series(ints, dtype=pl.Int64),
        "y_i32": pl.Series(ints, dtype=pl.Int32),
        "y_u32": pl.Series(ints, dtype=pl.UInt32),
        "y_u64": pl.Series(ints, dtype=pl.UInt64),
        "y_i16": pl.Series(ints, dtype=pl.Int16),
        "y_i8": pl.Series(ints, dtype=pl.Int8),
        "y_u8": pl.Series(ints, dtype=pl.UInt8),
        "y_f32": pl.Series([v + 0.25 for v in Y12], dtype=pl.Float32),
        "y_bool": pl.Series([v > 6 for v in Y12]),
        "y_dec": pl.Series([Decimal(v) / 4 for v in ints], dtype=pl.Decimal(10, 2)),
        "y_null": pl.Series([None] * 12, dtype=pl.Null),
        "y_gaps": pl.Series([1, None, 3, 4, None, 6, 7, 8, 9, 10, 11, 12], dtype=pl.Int64),
    }
    xs = {
        "x_none": None,
        "x_i64": pl.Series(range(1, 13), dtype=pl.Int64),
        "x_date": pl.Series(days),
        "x_datetime": pl.Series([dt.datetime(d.year, d.month, d.day) for d in days]),
        "x_cat": pl.Series([f"w{i:02}" for i in range(12)]).cast(pl.Categorical),
        "x_enum": pl.Series([f"w{i:02}" for i in range(12)]).cast(pl.Enum([f"w{i:02}" for i in range(12)])),
        "x_text": pl.Series([f"2024M{i + 1:02}" for i in range(12)]),
    }
    columns = {**ys, **{k: v for k, v in xs.items() if v is not None}, "n": pl.Series([20] * 12, dtype=pl.Int32)}
    columns["facet_cat"] = pl.Series(labels).cast(pl.Categorical)
    df = pl.DataFrame(columns)

    def outcome(data: object, options: dict[str, object]) -> object:
        """The chart's data and summary as rows, or the error's class and message."""
        try:
            chart = spc.qic(data, **options)  # type: ignore[arg-type]
        except spc.SpcError as e:
            return type(e), str(e)
        return chart.data.rows(), chart.summary.rows()

    assert isinstance(outcome(df, {"y": "y_null", "chart": "i"})[0], type)  # no values: an error
    checked = 0
    for y in ys:
        for x, values in xs.items():
            kinds = ["i", "run"] if y != "y_bool" else ["p"]
            for chart in kinds:
                options = {"x": None if values is None else x, "y": y, "chart": chart}
                if chart == "p":
                    options["n"] = "n"
                a, b = outcome(df, options), outcome(dict(columns), options)
                assert a == b, (y, x, chart)
                checked += 1
    assert checked == len(xs) * (2 * (len(ys) - 1) + 1)
    # The integers became the same numbers as the floats; the dates the same dates.
    a = spc.qic(df, x="x_datetime", y="y_i64", chart="i").data
    assert a["y"].to_list() == [float(v) for v in ints] and a["x"].to_list() == days
    assert a["cl"][0] == pytest.approx(sum(ints) / 12, rel=1e-15)
    faceted = spc.qic(df, x="x_i64", y="y_f64", facet="facet_cat", chart="i")
    assert faceted.summary["facet"].to_list() == ["unit 0", "unit 1", "unit 2"]
    assert faceted.summary.equals(spc.qic(dict(columns), x="x_i64", y="y_f64", facet="facet_cat", chart="i").summary)
    # One column for two roles is read once and serves both (rows sharing an x are one point).
    same = spc.qic(df, x="y_i64", y="y_i64", chart="i").data
    assert same["x"].to_list() == same["y"].to_list() == sorted(float(v) for v in set(ints))


def test_polars_frames_of_several_chunks_and_without_rows() -> None:
    """A frame made of several chunks gives the chart of the same rows in one chunk; a frame
    without rows the (empty) chart of no values."""
    rng = np.random.default_rng(11)
    parts = [
        pl.DataFrame({"x": np.arange(k * 40 + 1.0, k * 40 + 41.0), "y": rng.normal(10, 2, 40), "n": [30] * 40})
        for k in range(3)
    ]
    chunked = pl.concat(parts, rechunk=False)
    assert chunked["y"].n_chunks() == 3
    for chart in ("i", "run", "p"):
        options = {"x": "x", "y": "y", "chart": chart}
        if chart == "p":
            chunked_p = chunked.with_columns(pl.col("y").abs().round(0).clip(0, 30))
            one = chunked_p.rechunk()
            assert spc.qic(chunked_p, n="n", **options).data.equals(spc.qic(one, n="n", **options).data)
        else:
            assert spc.qic(chunked, **options).data.equals(spc.qic(chunked.rechunk(), **options).data)
    empty = pl.DataFrame({"x": pl.Series([], dtype=pl.Float64), "y": pl.Series([], dtype=pl.Int64)})
    nothing = spc.qic(empty, x="x", y="y", chart="i")
    assert nothing.data.height == 0 and nothing.summary.height == 0
    assert nothing.data.equals(spc.qic(x=[], y=[], chart="i").data)


def test_polars_frame_errors_name_the_column() -> None:
    df = pl.DataFrame({
        "when": [dt.datetime(2024, 1, 1, 12, 30)] * 12,
        "value": Y12,
        "kind": [[1.0]] * 12,
    })
    with pytest.raises(spc.InvalidArgumentError, match="invalid x: 'when' has times of day"):
        spc.qic(df, x="when", y="value")
    with pytest.raises(spc.InvalidArgumentError, match=r"invalid y: 'kind' has type List\(Float64\); expected numbers, dates or text"):
        spc.qic(df, y="kind")
    with pytest.raises(spc.MissingColumnError, match="column 'verdi' not found; the columns are: when, value, kind"):
        spc.qic(df, x="when", y="verdi")


def test_heavy_work_releases_the_gil() -> None:
    """While one thread computes a large chart, another thread keeps running Python."""
    y = pl.Series("y", np.random.default_rng(1).normal(10, 2, 1_000_000))
    done = threading.Event()
    ticks = 0

    def work() -> None:
        for _ in range(3):
            spc.qic(y=y, chart="i")
        done.set()

    t = threading.Thread(target=work)
    start = time.perf_counter()
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    elapsed = time.perf_counter() - start
    # With the GIL held for the whole computation this thread could not tick at all.
    assert ticks > 0.2 * elapsed / 0.0011, (ticks, elapsed)
