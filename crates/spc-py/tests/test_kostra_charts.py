"""spc.kostra funnel, charts, dashboard and errors through Python, with the numbers computed
again here from the CSV files of the repository."""

from __future__ import annotations

import csv
import html
import json
import math
import re
import statistics
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any, Optional

import polars as pl
import pytest

import spc
from kostra_common import (  # noqa: F401  (not every test file uses every helper)
    KOSTRA,
    POPULATION,
    EIENDOM,
    GROUPS,
    ESTIMATES,
    SAMPLES,
    FIXTURES,
    EXPENSES_PER_INHABITANT,
    REL,
    close,
    num,
    tidy_rows,
    kostra_groups,
    one,
    read_quietly,
)

# ---------------------------------------------------------------------------------------------
# funnel


def test_funnel_share_aged_80plus_2021() -> None:
    raw = [r for r in tidy_rows(POPULATION) if r["indicator"] == "share_aged_80plus_pct" and r["period"] == "2021"]
    f = spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period=2021, region="3001")
    assert isinstance(f, spc.kostra.Funnel)
    assert (f.indicator, f.period) == ("share_aged_80plus_pct", "2021")
    target = sum(r["numerator"] for r in raw) / sum(r["denominator"] for r in raw) * 100
    assert close(f.target, target)
    assert f.spec == {
        "data_type": "proportion", "multiplier": 100.0, "levels": [95.0, 99.8], "method": "exact",
        "overdispersion": "none",
    }
    d = f.data
    assert d.columns == [
        "region_code", "region_name", "numerator", "denominator", "value", "target", "lcl_95", "ucl_95",
        "lcl_99_8", "ucl_99_8", "flag", "direction", "status",
    ]
    assert d.height == len(raw) == 356
    assert set(d["region_code"]) == {r["region_code"] for r in raw}
    halden = one(d, region_code="3001")
    h = next(r for r in raw if r["region_code"] == "3001")
    assert (halden["numerator"], halden["denominator"]) == (h["numerator"], h["denominator"])
    assert close(halden["value"], h["numerator"] / h["denominator"] * 100)
    assert set(d["flag"]) <= {"none", "alert", "alarm"}
    # The limits widen as the denominator shrinks and contain the target.
    assert (d["lcl_99_8"] <= d["lcl_95"]).all() and (d["lcl_95"] <= d["target"]).all()
    assert (d["target"] <= d["ucl_95"]).all() and (d["ucl_95"] <= d["ucl_99_8"]).all()
    big, small = d.sort("denominator").row(-1, named=True), d.sort("denominator").row(0, named=True)
    assert big["ucl_95"] - big["lcl_95"] < small["ucl_95"] - small["lcl_95"]
    # Outside the 99.8 % limits is an alarm, the direction says which side.
    for r in d.iter_rows(named=True):
        if r["value"] > r["ucl_99_8"] or r["value"] < r["lcl_99_8"]:
            assert r["flag"] == "alarm" and r["direction"] == ("high" if r["value"] > r["target"] else "low")
        if r["lcl_95"] < r["value"] < r["ucl_95"]:
            assert r["flag"] == "none"
    # Municipalities differ far more than binomial noise: over-dispersion.
    assert f.phi is not None and f.phi > 1
    assert f.tau2 is not None and f.tau2 > 0
    assert "share_aged_80plus_pct" in repr(f)


def binomial_limit(n: int, theta: float, p: float) -> float:
    """Spiegelhalter's (2005) interpolated exact binomial limit: r_p is the smallest r with
    F(r) >= p, alpha = (F(r_p) - p) / (F(r_p) - F(r_p - 1)), limit (r_p - alpha) / n."""
    cdf = prev = 0.0
    for r in range(n + 1):
        prev = cdf
        cdf += math.exp(
            math.lgamma(n + 1) - math.lgamma(r + 1) - math.lgamma(n - r + 1)
            + r * math.log(theta) + (n - r) * math.log1p(-theta)
        )
        if cdf >= p:
            return (r - (cdf - p) / (cdf - prev)) / n
    return 1.0


def test_funnel_exact_limits_and_flags_by_hand() -> None:
    f = spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period=2021)
    theta = f.target / 100
    d = f.data.sort("denominator")
    for i in (0, 50, 150):  # the smallest municipality and two more (the sums stay short)
        r = d.row(i, named=True)
        n = int(r["denominator"])
        for col, p in (("lcl_95", 0.025), ("ucl_95", 0.975), ("lcl_99_8", 0.001), ("ucl_99_8", 0.999)):
            assert close(r[col], binomial_limit(n, theta, p) * 100, rel=1e-8), (n, col)
        v = r["numerator"] / n * 100
        outside = lambda lo, hi: v < r[lo] or v > r[hi]  # noqa: E731
        flag = "alarm" if outside("lcl_99_8", "ucl_99_8") else "alert" if outside("lcl_95", "ucl_95") else "none"
        assert r["flag"] == flag


def test_funnel_overdispersion_by_hand() -> None:
    """phi, tau2 and both widened limits as in Spiegelhalter (2005b) and FunnelPlotR: z-scores on
    the arcsine scale, winsorised at the 10th/90th percentiles (type 7), DerSimonian-Laird tau2."""
    raw = [r for r in tidy_rows(POPULATION) if r["indicator"] == "share_aged_80plus_pct" and r["period"] == "2021"]
    units = [(r["numerator"], r["denominator"]) for r in raw]
    theta = sum(y for y, _ in units) / sum(n for _, n in units)
    z = sorted((math.asin(math.sqrt(y / n)) - math.asin(math.sqrt(theta))) * 2 * math.sqrt(n) for y, n in units)

    def quantile7(p: float) -> float:
        h = (len(z) - 1) * p
        lo = math.floor(h)
        return z[lo] + (h - lo) * (z[min(lo + 1, len(z) - 1)] - z[lo])

    lz, uz = quantile7(0.1), quantile7(0.9)
    k = len(z)
    phi = sum(min(max(v, lz), uz) ** 2 for v in z) / k
    sw = sum(4 * n for _, n in units)
    sw2 = sum((4 * n) ** 2 for _, n in units)
    tau2 = max(0.0, (k * phi - (k - 1)) / (sw - sw2 / sw))
    f = spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period=2021)
    assert close(f.phi, phi) and close(f.tau2, tau2)

    z95 = statistics.NormalDist().inv_cdf(0.975)
    oslo = next(r for r in raw if r["region_code"] == "0301")
    n = oslo["denominator"]
    mult = one(
        spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period=2021, overdispersion="multiplicative").data,
        region_code="0301",
    )
    half = z95 * math.sqrt(phi * theta * (1 - theta) / n)
    assert close(mult["lcl_95"], (theta - half) * 100) and close(mult["ucl_95"], (theta + half) * 100)
    add = one(
        spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period=2021, overdispersion="additive").data,
        region_code="0301",
    )
    t, s = math.asin(math.sqrt(theta)), 1 / (2 * math.sqrt(n))
    width = z95 * math.sqrt(s * s + tau2)
    assert close(add["lcl_95"], math.sin(t - width) ** 2 * 100) and close(add["ucl_95"], math.sin(t + width) ** 2 * 100)


def test_funnel_pictures(tmp_path: Path) -> None:
    f = spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period="2021", region="3001", title="Andel 80+")
    svg = f._repr_svg_()
    assert svg.lstrip().startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "Andel 80+" in svg and "Halden" in svg
    assert f._repr_png_().startswith(b"\x89PNG\r\n\x1a\n")
    f.save(tmp_path / "x.png")
    assert (tmp_path / "x.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    f.save(tmp_path / "x.svg")
    assert (tmp_path / "x.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    f.save(tmp_path / "x.pdf")
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(spc.RenderError, match="x.gif"):
        f.save(tmp_path / "x.gif")
    fig = f.plot()
    assert fig._repr_svg_().lstrip().startswith("<svg")
    with pytest.raises(spc.RenderError) as info:
        f.save(tmp_path / "x.png", width="wide")
    assert str(info.value) == "invalid width: got 'wide': 'str' object cannot be interpreted as an integer"
    assert (tmp_path / "x.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")  # left as it was
    with pytest.raises(spc.RenderError) as info:
        f.plot(caption="x")
    assert str(info.value) == "unknown picture option 'caption': expected one of title, subtitle, xlab, ylab, lang, width, height"


def test_funnel_latest_period_by_default() -> None:
    with pytest.warns(UserWarning, match="using the latest, 2021"):
        f = spc.kostra.funnel(POPULATION, "share_aged_67plus_pct")
    assert f.period == "2021" and f.data.height == 356


def test_funnel_overdispersion_widens_the_limits() -> None:
    plain = spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period=2021)
    od = spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period=2021, overdispersion="multiplicative")
    assert od.spec["overdispersion"] == "multiplicative"
    p, o = one(plain.data, region_code="0301"), one(od.data, region_code="0301")
    assert o["ucl_95"] - o["lcl_95"] > p["ucl_95"] - p["lcl_95"]
    assert (od.data["flag"] == "alarm").sum() < (plain.data["flag"] == "alarm").sum()


# ---------------------------------------------------------------------------------------------
# charts


def test_charts_oslo_run_chart() -> None:
    raw = [r for r in tidy_rows(POPULATION) if r["region_code"] == "0301" and r["indicator"] == "share_aged_67plus_pct"]
    c = spc.kostra.charts(POPULATION, chart="run", regions="0301", indicators="share_aged_67plus_pct")
    assert c.height == len(raw) == 17
    assert c["period"].to_list() == [str(y) for y in range(2005, 2022)]
    assert c["y"].to_list() == [r["value"] for r in raw]
    median = statistics.median(r["value"] for r in raw)
    assert all(close(v, median) for v in c["cl"])
    assert {"region_code", "region_name", "indicator", "status", "runs_signal", "signal"} <= set(c.columns)
    # The share fell and then rose: a long run on each side of the median.
    above = [r["value"] > median for r in raw if r["value"] != median]
    longest = max(len(list(g)) for _, g in __import__("itertools").groupby(above))
    assert c["longest_run"][0] == longest
    assert c["runs_signal"][0] is True


def test_charts_i_chart_years() -> None:
    raw = [
        r["value"] for r in tidy_rows(POPULATION)
        if r["region_code"] == "0301" and r["indicator"] == "share_aged_80plus_pct" and 2010 <= int(r["period"]) <= 2020
    ]
    c = spc.kostra.charts(POPULATION, regions=["0301"], indicators=["share_aged_80plus_pct"], years=(2010, 2020))
    assert c.height == len(raw) == 11
    mean = statistics.mean(raw)
    assert all(close(v, mean) for v in c["cl"])


def test_charts_i_chart_limits_by_hand() -> None:
    """I chart as qicharts2: mean, sigma = average moving range / 1.128 with Nelson's screening
    (moving ranges above 3.267 x the average left out once), limits at mean +/- 3 sigma."""
    y = [
        r["value"] for r in tidy_rows(POPULATION)
        if r["region_code"] == "0301" and r["indicator"] == "share_aged_67plus_pct"
    ]
    mr = [abs(b - a) for a, b in zip(y, y[1:])]
    mr_bar = statistics.mean(mr)
    mr_bar = statistics.mean([m for m in mr if m <= 3.267 * mr_bar])
    c = spc.kostra.charts(POPULATION, chart="i", regions="0301", indicators="share_aged_67plus_pct")
    mean, sigma = statistics.mean(y), mr_bar / 1.128
    assert close(c["cl"][0], mean)
    assert close(c["ucl"][0], mean + 3 * sigma) and close(c["lcl"][0], mean - 3 * sigma)
    outside = [v > mean + 3 * sigma or v < mean - 3 * sigma for v in y]
    assert c["sigma_signal"].to_list() == outside


def test_charts_p_chart_uses_numerator_and_denominator() -> None:
    raw = [
        r for r in tidy_rows(POPULATION) if r["region_code"] == "0301" and r["indicator"] == "share_aged_80plus_pct"
    ]
    c = spc.kostra.charts(POPULATION, chart="p", regions="0301", indicators="share_aged_80plus_pct")
    assert c["n"].to_list() == [r["denominator"] for r in raw]
    # The indicator is a percentage, so the p chart is drawn in per cent like its values.
    assert all(close(v, 100 * r["numerator"] / r["denominator"]) for v, r in zip(c["y"], raw))
    pbar = sum(r["numerator"] for r in raw) / sum(r["denominator"] for r in raw)
    assert close(c["cl"][0], 100 * pbar)
    n0 = raw[0]["denominator"]
    assert close(c["ucl"][0], 100 * (pbar + 3 * math.sqrt(pbar * (1 - pbar) / n0)))
    # A multiplier given wins: proportions.
    frac = spc.kostra.charts(POPULATION, chart="p", regions="0301", indicators="share_aged_80plus_pct", multiply=1)
    assert close(frac["cl"][0], pbar)


def test_charts_summary_one_row_per_series() -> None:
    raw = tidy_rows(POPULATION)
    regions = ["0301", "0101", "3001"]
    s = spc.kostra.charts(POPULATION, chart="run", regions=regions, summary=True)
    series: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in raw:
        if r["region_code"] in regions:
            series[(r["region_code"], r["indicator"])].append(r["value"])
    assert s.height == len(series) == 9
    for row in s.iter_rows(named=True):
        values = series[(row["region_code"], row["indicator"])]
        assert row["n_obs"] == len(values)
        assert close(row["cl"], statistics.median(values))
        assert row["error"] is None
    # Halden as 0101 up to 2019, as 3001 from 2020 (the county reform).
    assert one(s, region_code="0101", indicator="population_total")["last_period"] == "2019"
    assert one(s, region_code="3001", indicator="population_total")["first_period"] == "2020"


# ---------------------------------------------------------------------------------------------
# dashboard


def test_dashboard_halden(tmp_path: Path) -> None:
    raw = tidy_rows(EIENDOM)
    path = tmp_path / "halden.html"
    d = spc.kostra.dashboard(EIENDOM, "0101", groups=GROUPS, path=path)
    assert isinstance(d, spc.kostra.Dashboard)
    assert path.read_text(encoding="utf-8") == d.html
    text = html.unescape(d.html)
    for indicator in dict.fromkeys(r["indicator"] for r in raw):
        assert indicator in text, indicator
    # Self-contained: no resource fetched from the web.
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", d.html, re.I)
    assert "@import" not in d.html and "url(http" not in d.html
    # Norwegian.
    assert '<html lang="nb">' in d.html
    assert "Halden" in text and "KOSTRA-gruppe 13" in text and "Østfold" in text
    assert "Tilfeldig variasjon" in text
    # Halden's z-score of the expenses per inhabitant, by hand, with a decimal comma.
    values = [r["value"] for r in raw if r["indicator"] == EXPENSES_PER_INHABITANT and r["region_code"] in {
        c for c, g in kostra_groups().items() if g == 13} and r["value"] is not None]
    z = (74499 / 30544 - statistics.mean(values)) / statistics.stdev(values)
    assert f"{z:.2f}".replace("-", "\u2212").replace(".", ",") in text
    d.save(tmp_path / "again.html")
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == d.html
    shown = d._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and html.unescape(shown.split('"')[1]) == d.html


def test_dashboard_english_and_title() -> None:
    d = spc.kostra.dashboard(POPULATION, "0301", indicators="share_aged_80plus_pct", lang="en", title="Oslo 80+")
    assert '<html lang="en">' in d.html and "Oslo 80+" in d.html


def test_dashboard_improvement_and_target() -> None:
    raw = [r for r in tidy_rows(POPULATION) if r["region_code"] == "0301" and r["indicator"] == "share_aged_80plus_pct"]
    # Oslo's share aged 80+ stayed above 3 % in every year: a target of 3 % is missed throughout.
    assert all(r["value"] > 3.0 for r in raw)
    d = spc.kostra.dashboard(
        POPULATION, "0301", indicators=["population_total", "share_aged_80plus_pct"], chart="run",
        improvement={"population_total": "increase", "share_aged_80plus_pct": "decrease"},
        targets={"share_aged_80plus_pct": 3.0}, years="2010-2021",
    )
    text = html.unescape(d.html)
    assert "Bommer konsekvent på målet" in text
    assert "2010" in text and "2009" not in re.sub(r"<svg.*?</svg>", "", text, flags=re.S)
    with pytest.raises(spc.UnknownOptionError, match="'up'"):
        spc.kostra.dashboard(POPULATION, "0301", improvement={"population_total": "up"})


# ---------------------------------------------------------------------------------------------
# errors and warnings


def test_unknown_region_code() -> None:
    for call in (
        lambda: spc.kostra.compare(EIENDOM, "abc", GROUPS),
        lambda: spc.kostra.zscores(EIENDOM, "abc", GROUPS),
        lambda: spc.kostra.dashboard(EIENDOM, "abc", groups=GROUPS),
    ):
        with pytest.raises(spc.UnknownRegionError, match="'abc'") as info:
            call()
        assert isinstance(info.value, spc.SpcError)
    assert issubclass(spc.UnknownRegionError, spc.SpcError)


def test_region_not_in_the_table() -> None:
    with pytest.raises(spc.InvalidArgumentError, match="0199"):
        spc.kostra.compare(EIENDOM, "0199", GROUPS)
    with pytest.raises(spc.InvalidArgumentError, match="EKG13"):
        spc.kostra.compare(EIENDOM, "EKG13", GROUPS)


def test_unknown_indicator_in_funnel() -> None:
    with pytest.raises(spc.InvalidArgumentError, match="'nope'") as info:
        spc.kostra.funnel(POPULATION, "nope")
    assert "share_aged_80plus_pct" in str(info.value)  # the indicators there are
    with pytest.raises(spc.InvalidArgumentError, match="Folkemengde i alt"):
        spc.kostra.funnel(EIENDOM, "Folkemengde i alt")  # a total: no numerator and denominator


def test_bad_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "region_code,region_name,indicator,period,value,numerator,denominator\n"
        "0101,Halden,x,2015,1,,\n"
        "0104,Moss,x,2015,abc,,\n",
        encoding="utf-8",
    )
    with pytest.raises(spc.SpcIOError) as info:
        spc.kostra.read(bad)
    msg = str(info.value)
    assert str(bad) in msg and "row 3" in msg and "'abc'" in msg and "value" in msg
    with pytest.raises(spc.SpcIOError, match="nonexistent.csv"):
        spc.kostra.read(tmp_path / "nonexistent.csv")


def test_wrong_types() -> None:
    with pytest.raises(TypeError, match="int"):
        spc.kostra.read(42)
    with pytest.raises(TypeError, match="list"):
        spc.kostra.aggregate([1, 2], "county")
    with pytest.raises(TypeError, match="groups"):
        spc.kostra.aggregate(EIENDOM, "group", groups=3.5)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: spc.kostra.harmonise(POPULATION, "twenty"), "invalid to_year: expected a whole number, got 'twenty'"),
        (
            lambda: spc.kostra.charts(POPULATION, regions="0301", years="2010-x"),
            "invalid years: expected a year, (first, last), a range, 'YYYY-YYYY' or a list of years, got '2010-x'",
        ),
        (lambda: spc.kostra.charts(POPULATION, regions="0301", multiply="x"), "invalid multiply: expected a number, got 'x'"),
        (
            lambda: spc.kostra.charts(POPULATION, regions="0301", chart=3),
            "invalid chart: got 3: 'int' object is not an instance of 'str'",
        ),
        (
            lambda: spc.kostra.charts(POPULATION, regions="0301", freeze="5"),
            "invalid freeze: got '5': 'str' object cannot be interpreted as an integer",
        ),
        (lambda: spc.kostra.aggregate(POPULATION, 3), "invalid to: 'int' object is not an instance of 'str'"),
        (
            lambda: spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", type=5),
            "invalid type: got 5: 'int' object is not an instance of 'str'",
        ),
        (lambda: spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", levels="x"), "invalid levels: expected a number, got 'x'"),
        (lambda: spc.kostra.dashboard(POPULATION, "0301", targets={"a": "x"}), "invalid targets: expected a number, got 'x'"),
        (lambda: spc.kostra.aggregate(EIENDOM, "group", groups={"0301": "x"}), "invalid groups: expected a whole number, got 'x'"),
    ],
)
def test_arguments_the_binding_cannot_take_are_named(call: Any, message: str) -> None:
    with pytest.raises(spc.InvalidArgumentError) as info:
        call()
    assert str(info.value) == message


def test_one_name_is_one_name_not_its_letters() -> None:
    """A string where a list of names is taken is one name; a region code given as a number
    is its text (301 is Oslo's 0301)."""
    one = spc.kostra.charts(POPULATION, regions="0301", indicators="population_total", summary=True)
    assert one.height == 1 and one["region_code"][0] == "0301" and one["indicator"][0] == "population_total"
    assert spc.kostra.charts(POPULATION, regions=[301], indicators=["population_total"], summary=True).equals(one)
    compared = spc.kostra.compare(POPULATION, "0301", GROUPS, indicators="share_aged_80plus_pct")
    assert set(compared["indicator"]) == {"share_aged_80plus_pct"}
    assert spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period="2021", levels=95).spec["levels"] == [95.0]


def test_bad_options() -> None:
    with pytest.raises(spc.UnknownOptionError, match="planet"):
        spc.kostra.aggregate(EIENDOM, "planet")
    with pytest.raises(spc.InvalidArgumentError, match="groups"):
        spc.kostra.aggregate(EIENDOM, "group")
    with pytest.raises(spc.InvalidArgumentError, match="1800"):
        spc.kostra.harmonise(POPULATION, 1800)


def test_charts_unknown_region_names_it() -> None:
    with pytest.raises(spc.UnknownRegionError, match="'abc'"):
        spc.kostra.charts(POPULATION, regions="abc")


def test_charts_unknown_indicator_names_it() -> None:
    with pytest.raises(spc.InvalidArgumentError, match="nope"):
        spc.kostra.charts(POPULATION, indicators="nope")


def test_funnel_unknown_region_code() -> None:
    with pytest.raises(spc.UnknownRegionError, match="'abc'"):
        spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", region="abc")


def test_compare_unknown_indicator_names_it() -> None:
    with pytest.raises(spc.InvalidArgumentError, match="nope"):
        spc.kostra.compare(EIENDOM, "0101", GROUPS, indicators=["nope"])


def test_funnel_refuses_to_guess_a_type_for_non_counts() -> None:
    """Numerators that are not whole numbers are no counts: the type must be given."""
    df = pl.DataFrame(
        {
            "region_code": ["0101", "0104", "0105"],
            "region_name": ["Halden", "Moss", "Sarpsborg"],
            "indicator": ["kr_per_m2"] * 3,
            "period": ["2015"] * 3,
            "value": [1.25, 2.5, 0.75],
            "numerator": [12.5, 25.0, 7.5],
            "denominator": [10.0, 10.0, 10.0],
        }
    )
    with pytest.raises(spc.InvalidArgumentError, match="not whole numbers"):
        spc.kostra.funnel(df, "kr_per_m2")
    f = spc.kostra.funnel(df, "kr_per_m2", type="rate")
    assert f.data.height == 3


@pytest.mark.filterwarnings("ignore::UserWarning")  # a table read with warnings is an outcome too
def test_random_and_mutated_bytes_raise_spc_errors_only() -> None:
    """Whatever bytes arrive, read() returns a table (perhaps with warnings) or raises
    SpcError: no panic (InternalError) and no other exception crosses into Python."""
    import random

    rng = random.Random(7)
    valid = Path(EIENDOM).read_bytes()[:4000]
    samples = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))) for _ in range(150)]
    for _ in range(150):
        b = bytearray(valid)
        for _ in range(rng.randrange(1, 6)):
            i = rng.randrange(len(b))
            b[i] = rng.choice(b',;"\n.:-{}0123456789\xff\xc3')
        samples.append(bytes(b[: rng.randrange(1, len(b) + 1)]))
    samples.append(b'{"version": "2.0", "class": "dataset", "id": ["a"], "size": [3], "dimension": {}, "value": [1]}')
    for data in samples:
        try:
            spc.kostra.read(data)
        except spc.InternalError:  # pragma: no cover - would be a bug
            raise
        except spc.SpcError:
            pass


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: spc.kostra.charts(POPULATION, chart="xbar"), "invalid chart: a KOSTRA series has one value per period"),
        (lambda: spc.kostra.charts(POPULATION, freeze=0), "invalid freeze: must be at least 1 (the number of baseline points)"),
        (lambda: spc.kostra.charts(POPULATION, multiply=0), "invalid multiply: must be a finite number other than 0, got 0"),
        (lambda: spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", levels=100), "invalid levels: 100 is not a coverage in per cent"),
        (lambda: spc.kostra.dashboard(POPULATION, "0301", chart="p"), "invalid chart: the dashboard draws i or run charts, not p"),
        (lambda: spc.kostra.dashboard(POPULATION, "0301", freeze=0), "invalid freeze: must be at least 1 (the number of baseline years)"),
    ],
)
def test_kostra_options_are_checked_by_the_library(call: Any, message: str) -> None:
    """As spc kostra chart/funnel/dashboard check them (crates/spc-cli/tests/kostra_chart.rs)."""
    with pytest.raises(spc.InvalidArgumentError) as info:
        call()
    assert str(info.value).startswith(message), str(info.value)


def test_kostra_defaults_are_the_library_s() -> None:
    f = spc.kostra.funnel(POPULATION, "share_aged_80plus_pct", period=2021)
    assert (f.spec["levels"], f.spec["method"], f.spec["overdispersion"]) == ([95.0, 99.8], "exact", "none")
