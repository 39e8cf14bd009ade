"""spc.kostra read, harmonise, aggregate, compare and zscores through Python, with the numbers
computed again here from the CSV files of the repository (csv/json/polars, not our code) and
SSB's published group figures."""

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
# read


def test_read_statbank_sample() -> None:
    path = SAMPLES / "ssb07459_comma_unquoted_2019_excerpt.csv"
    raw = path.read_text(encoding="utf-8").splitlines()
    # The file was saved with æ/ø/å already lost (Rømskog as R\ufffdmskog): the reader says so.
    assert any("\ufffd" in line for line in raw)
    with pytest.warns(UserWarning, match="replacement characters"):
        t = spc.kostra.read(path)
    assert t.columns == [
        "region_code", "region_type", "region_name", "indicator", "period", "value", "numerator", "denominator",
        "status",
    ]
    assert t.height == len(raw) - 1
    halden0 = one(t, region_code="0101", indicator="Persons, 0 years")
    assert (halden0["value"], halden0["period"], halden0["region_name"], halden0["region_type"]) == (
        245.0, "2019", "Halden", "municipality",
    )
    # Every cell of the raw file, by hand: "0101 Halden,0 years,245".
    for line in raw[1:]:
        region, age, value = line.split(",")
        code = region.split(" ", 1)[0]
        row = one(t, region_code=code, indicator=f"Persons, {age}")
        assert row["value"] == float(value)
    assert set(t["region_type"]) == {"municipality"}
    assert t["status"].null_count() == t.height  # all values present: no status


def test_read_k_prefix_sample_warns() -> None:
    path = SAMPLES / "ssb07459_semicolon_title_Kprefix_2021_excerpt.csv"
    with pytest.warns(UserWarning, match="K- region codes"):
        t = spc.kostra.read(path)
    lines = path.read_text(encoding="latin-1").splitlines()  # saved as Latin-1
    assert '"K-3001 Halden";"0 years";253' in lines and '"K-3026 Aurskog-Høland";"1 year";167' in lines
    row = one(t, region_code="3001", indicator="Persons, 0 years")
    assert (row["value"], row["period"], row["region_type"]) == (253.0, "2021", "municipality")
    row = one(t, region_code="3026", indicator="Persons, 1 year")
    assert (row["value"], row["region_name"]) == (167.0, "Aurskog-Høland")
    assert t.height == sum(line.startswith('"K-') for line in lines)


def test_read_ward_codes() -> None:
    t = read_quietly(SAMPLES / "ssb10826_semicolon_title_latin1_wards_2021_excerpt.csv")
    assert one(t, region_code="030100aa", indicator="Persons, 0 years")["value"] == 8843.0
    assert one(t, region_code="030102a", indicator="Persons, 1 year")["region_name"] == "Grünerløkka"


def test_read_jsonstat_null_keeps_its_status() -> None:
    path = FIXTURES / "jsonstat2_docs_example.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    t = spc.kostra.read(path)
    assert t.height == len(doc["value"])
    # Row-major over id = [Region, Tid]: cell k is region k // 2, year k % 2.
    regions = sorted(doc["dimension"]["Region"]["category"]["index"].items(), key=lambda kv: kv[1])
    years = doc["dimension"]["Tid"]["category"]["index"]
    for k, v in enumerate(doc["value"]):
        code, year = regions[k // len(years)][0], years[k % len(years)]
        row = one(t, region_code=code, period=year)
        if v is None:
            assert row["value"] is None and row["status"] == doc["status"][str(k)] == "."
        else:
            assert row["value"] == v and row["status"] is None
    assert one(t, region_code="0101", period="2019")["value"] == 31177.0


def test_read_jsonstat1_symbols() -> None:
    t = spc.kostra.read(FIXTURES / "jsonstat1_constructed_regions.json")
    missing = t.filter(pl.col("value").is_null())
    assert missing.height > 0 and missing["status"].null_count() == 0
    assert set(missing["status"]) <= {"..", ":", "-", "."}
    assert one(t, region_code="EKG13", period="2005", indicator="Persons")["region_type"] == "kostra_group"


def test_read_tidy_eiendom_keeps_missing_values() -> None:
    raw = tidy_rows(EIENDOM)
    t = spc.kostra.read(EIENDOM)
    assert t.height == len(raw) == 7722 == 429 * 18
    # Missing values stay as rows, each with a reason.
    empty = [r for r in raw if r["value"] is None]
    missing = t.filter(pl.col("value").is_null())
    assert missing.height == len(empty) > 0
    assert missing["status"].null_count() == 0
    # The reason by hand: a ratio row tells why it has no value, any other row is just missing.
    expected: dict[str, int] = defaultdict(int)
    for r in empty:
        if r["numerator"] is not None and r["denominator"] == 0:
            expected["zero_denominator"] += 1
        elif r["numerator"] is None and r["denominator"] is not None:
            expected["numerator_missing"] += 1
        elif r["numerator"] is not None and r["denominator"] is None:
            expected["denominator_missing"] += 1
        else:
            expected["missing"] += 1
    got = dict(missing.group_by("status").len().iter_rows())
    assert got == dict(expected)
    # Values present are the file's numbers.
    by_key = {(r["region_code"], r["indicator"]): r for r in raw}
    for row in t.filter(pl.col("value").is_not_null()).sample(200, seed=1).iter_rows(named=True):
        assert row["value"] == by_key[(row["region_code"], row["indicator"])]["value"]
    assert one(t, region_code="0101", indicator="Folkemengde i alt")["value"] == 30544.0


def test_read_dataframe_input_equals_path() -> None:
    from_path = spc.kostra.read(EIENDOM)
    df = pl.read_csv(EIENDOM, schema_overrides={"region_code": pl.Utf8})
    assert spc.kostra.read(df).equals(from_path)
    assert spc.kostra.read(df.lazy()).equals(from_path)
    assert spc.kostra.read(EIENDOM.read_bytes()).equals(from_path)
    assert spc.kostra.read(str(EIENDOM)).equals(from_path)


def test_read_pandas_input_equals_path() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    df = pd.read_csv(EIENDOM, dtype={"region_code": str})
    assert spc.kostra.read(df).equals(spc.kostra.read(EIENDOM))
    # And every other function takes it too.
    a = spc.kostra.aggregate(df, "county")
    assert a.equals(spc.kostra.aggregate(EIENDOM, "county"))


# ---------------------------------------------------------------------------------------------
# harmonise


def test_harmonise_merged_moss() -> None:
    raw = tidy_rows(POPULATION)
    with pytest.warns(UserWarning, match="3002 <- 0104\\+0136"):
        h = spc.kostra.harmonise(POPULATION, 2021)
    cells = {(r["region_code"], r["indicator"], r["period"]): r for r in raw}
    for year in ("2005", "2015", "2019"):
        parts = [cells[(c, "share_aged_67plus_pct", year)] for c in ("0104", "0136")]
        n = sum(p["numerator"] for p in parts)
        d = sum(p["denominator"] for p in parts)
        row = one(h, region_code="3002", indicator="share_aged_67plus_pct", period=year)
        assert (row["numerator"], row["denominator"]) == (n, d)
        assert close(row["value"], n / d * 100)
        total = one(h, region_code="3002", indicator="population_total", period=year)
        assert total["value"] == sum(cells[(c, "population_total", year)]["value"] for c in ("0104", "0136"))
    # 2015 by hand: Moss 0104 and Rygge 0136.
    assert close(one(h, region_code="3002", indicator="share_aged_67plus_pct", period="2015")["value"], 7564 / 47044 * 100)
    # Renumbered only: Halden 0101 -> 3001, the same values.
    for year in ("2005", "2019"):
        old = cells[("0101", "share_aged_80plus_pct", year)]
        new = one(h, region_code="3001", indicator="share_aged_80plus_pct", period=year)
        assert (new["numerator"], new["denominator"]) == (old["numerator"], old["denominator"])
    # Only the 2021 codes are left (356 municipalities); Halden and Moss have all 17 years.
    assert h["region_code"].n_unique() == 356
    assert "0101" not in set(h["region_code"]) and "0104" not in set(h["region_code"])
    for code in ("3001", "3002"):
        for ind in ("population_total", "share_aged_67plus_pct", "share_aged_80plus_pct"):
            periods = h.filter(pl.col("region_code") == code, pl.col("indicator") == ind)["period"]
            assert periods.to_list() == [str(y) for y in range(2005, 2022)]


def test_harmonise_with_a_mapping_file(tmp_path: Path) -> None:
    mapping = tmp_path / "endringer.csv"
    mapping.write_text(
        "old_code,new_code,valid_from,weight\n"
        "0104,3002,2020,1\n0136,3002,2020,1\n"
        "1850,1806,2020,0.25\n1850,1875,2020,0.75\n",  # a split, weights made up for the test
        encoding="utf-8",
    )
    with pytest.warns(UserWarning, match=re.escape(str(mapping))):
        h = spc.kostra.harmonise(POPULATION, 2021, mapping=mapping)
    cells = {(r["region_code"], r["indicator"], r["period"]): r for r in tidy_rows(POPULATION)}
    moss = [cells[(c, "share_aged_80plus_pct", "2015")] for c in ("0104", "0136")]
    row = one(h, region_code="3002", indicator="share_aged_80plus_pct", period="2015")
    assert close(row["value"], sum(r["numerator"] for r in moss) / sum(r["denominator"] for r in moss) * 100)
    tysfjord = cells[("1850", "share_aged_67plus_pct", "2015")]
    for code, w in (("1806", 0.25), ("1875", 0.75)):
        total = one(h, region_code=code, indicator="population_total", period="2015")
        assert close(total["value"], w * cells[("1850", "population_total", "2015")]["value"])
        share = one(h, region_code=code, indicator="share_aged_67plus_pct", period="2015")
        assert close(share["numerator"], w * tysfjord["numerator"])
        assert close(share["value"], tysfjord["numerator"] / tysfjord["denominator"] * 100)


# ---------------------------------------------------------------------------------------------
# aggregate


def test_aggregate_to_kostra_group_ratio_and_published_totals() -> None:
    raw = tidy_rows(EIENDOM)
    groups = kostra_groups()
    with pytest.warns(UserWarning, match="2111"):  # Svalbard has no KOSTRA group
        a = spc.kostra.aggregate(EIENDOM, "group", groups=GROUPS)
    assert a.columns == [
        "region_code", "region_name", "indicator", "period", "value", "numerator", "denominator", "method",
        "n_units", "n_missing",
    ]
    # EKG16: Σnumerator/Σdenominator over the members with both (not the mean of their ratios).
    members = [r for r in raw if r["indicator"] == EXPENSES_PER_INHABITANT and groups.get(r["region_code"]) == 16]
    usable = [r for r in members if r["numerator"] is not None and r["denominator"]]
    n, d = sum(r["numerator"] for r in usable), sum(r["denominator"] for r in usable)
    row = one(a, region_code="EKG16", indicator=EXPENSES_PER_INHABITANT)
    assert close(row["value"], n / d) and round(row["value"], 4) == 11.3815
    assert (row["numerator"], row["denominator"], row["method"]) == (n, d, "sum_ratio")
    assert (row["n_units"], row["n_missing"]) == (len(usable), len(members) - len(usable)) == (9, 1)
    mean_of_ratios = statistics.mean(r["value"] for r in members if r["value"] is not None)
    assert not close(row["value"], mean_of_ratios, rel=1e-3)
    # Totals per group are sums; "Folkemengde i alt" equals SSB's published group figure.
    published = {
        r["region_code"]: r["value"] for r in tidy_rows(ESTIMATES) if r["indicator"] == "Folkemengde i alt"
    }
    assert len(published) == 15 and "EKG09" not in published
    for code, value in published.items():
        row = one(a, region_code=code, indicator="Folkemengde i alt")
        assert (row["value"], row["method"]) == (value, "sum"), code
        by_hand = sum(
            r["value"] for r in raw
            if r["indicator"] == "Folkemengde i alt" and groups.get(r["region_code"]) == int(code[3:])
        )
        assert by_hand == value
    assert set(a["method"]) == {"sum", "sum_ratio"}
    assert set(a.filter(pl.col("method") == "sum_ratio")["indicator"]) == {
        r["indicator"] for r in raw if r["indicator"].startswith("DERIVED ratio")
    }


def test_aggregate_groups_as_mapping_or_dataframe() -> None:
    with pytest.warns(UserWarning, match="2111"):
        from_file = spc.kostra.aggregate(EIENDOM, "group", groups=GROUPS)
    mapping = kostra_groups()
    with pytest.warns(UserWarning, match="2111"):
        assert spc.kostra.aggregate(EIENDOM, "group", groups=mapping).equals(from_file)
    df = pl.read_csv(GROUPS, schema_overrides={"region_code": pl.Utf8}).select("region_code", "kostra_group_new")
    with pytest.warns(UserWarning, match="2111"):
        assert spc.kostra.aggregate(EIENDOM, "group", groups=df).equals(from_file)


def test_aggregate_to_county_and_country() -> None:
    raw = tidy_rows(EIENDOM)
    ind = "Areal på eide administrasjonslokaler konsern"
    c = spc.kostra.aggregate(EIENDOM, "county")
    ostfold = [r for r in raw if r["indicator"] == ind and r["region_code"].startswith("01")]
    row = one(c, region_code="01", indicator=ind)
    assert row["value"] == sum(r["value"] for r in ostfold if r["value"] is not None) == 89209.0
    assert (row["region_name"], row["method"], row["n_units"], row["n_missing"]) == ("Østfold", "sum", 18, 0)
    assert (row["n_units"] + row["n_missing"]) == len(ostfold)

    n = spc.kostra.aggregate(EIENDOM, "country")
    all_rows = [r for r in raw if r["indicator"] == ind]
    with_value = [r for r in all_rows if r["value"] is not None]
    row = one(n, region_code="0", indicator=ind)
    assert row["value"] == sum(r["value"] for r in with_value)
    assert (row["n_units"], row["n_missing"]) == (len(with_value), len(all_rows) - len(with_value))
    ratio = [
        r for r in raw if r["indicator"] == EXPENSES_PER_INHABITANT and r["numerator"] is not None and r["denominator"]
    ]
    row = one(n, region_code="0", indicator=EXPENSES_PER_INHABITANT)
    assert close(row["value"], sum(r["numerator"] for r in ratio) / sum(r["denominator"] for r in ratio))


def test_aggregate_percent_keeps_its_multiplier() -> None:
    raw = [r for r in tidy_rows(POPULATION) if r["indicator"] == "share_aged_80plus_pct" and r["period"] == "2021"]
    n = spc.kostra.aggregate(POPULATION, "country")
    row = one(n, region_code="0", indicator="share_aged_80plus_pct", period="2021")
    expected = sum(r["numerator"] for r in raw) / sum(r["denominator"] for r in raw) * 100
    assert close(row["value"], expected)


def test_aggregate_rates_population_weighted() -> None:
    raw = tidy_rows(POPULATION)
    # The share aged 67+ as a bare percentage (no numerator/denominator), weighted by population.
    rate = pl.read_csv(POPULATION, schema_overrides={"region_code": pl.Utf8}).filter(
        pl.col("indicator") == "share_aged_67plus_pct"
    ).with_columns(
        indicator=pl.lit("andel 67+"), numerator=pl.lit(None, pl.Float64), denominator=pl.lit(None, pl.Float64)
    )
    population = pl.read_csv(POPULATION, schema_overrides={"region_code": pl.Utf8}).filter(
        pl.col("indicator") == "population_total"
    )
    a = spc.kostra.aggregate(rate, "county", rates=["andel 67+"], population=population)
    pop = {(r["region_code"], r["period"]): r["value"] for r in raw if r["indicator"] == "population_total"}
    viken = [
        r for r in raw
        if r["indicator"] == "share_aged_67plus_pct" and r["period"] == "2021" and r["region_code"].startswith("30")
    ]
    expected = sum(r["value"] * pop[(r["region_code"], "2021")] for r in viken) / sum(
        pop[(r["region_code"], "2021")] for r in viken
    )
    row = one(a, region_code="30", period="2021")
    assert close(row["value"], expected)
    assert (row["method"], row["n_units"], row["n_missing"]) == ("population_weighted", len(viken), 0)
    # One name as a string is that name (not its letters, which would leave the rate unweighted).
    assert spc.kostra.aggregate(rate, "county", rates="andel 67+", population=population).equals(a)
    with pytest.raises(spc.InvalidArgumentError, match="andel 67\\+"):
        spc.kostra.aggregate(rate, "county", rates=["andel 67+"])  # no population to weight with


# ---------------------------------------------------------------------------------------------
# compare and zscores


def test_compare_halden_with_group_county_country() -> None:
    raw = [r for r in tidy_rows(EIENDOM) if r["indicator"] == EXPENSES_PER_INHABITANT]
    groups = kostra_groups()
    cmp = spc.kostra.compare(EIENDOM, "0101", GROUPS, indicators=[EXPENSES_PER_INHABITANT])
    assert cmp.columns == [
        "region_code", "region_name", "indicator", "period", "value", "reference_type", "reference_code",
        "reference_name", "reference_value", "reference_source", "difference", "rank", "n_ranked",
    ]
    assert cmp.height == 3
    halden = next(r for r in raw if r["region_code"] == "0101")
    assert close(halden["value"], 74499 / 30544, rel=1e-5)

    def by_hand(member: Any) -> tuple[float, int, int]:
        rows = [r for r in raw if member(r["region_code"])]
        usable = [r for r in rows if r["numerator"] is not None and r["denominator"]]
        ref = sum(r["numerator"] for r in usable) / sum(r["denominator"] for r in usable)
        values = [r["value"] for r in rows if r["value"] is not None]
        return ref, 1 + sum(v > halden["value"] for v in values), len(values)

    for kind, code, name, member in [
        ("group", "EKG13", "KOSTRA-gruppe 13", lambda c: groups.get(c) == 13),
        ("county", "01", "Østfold", lambda c: c.startswith("01")),
        ("country", "0", "Hele landet", lambda c: True),
    ]:
        ref, rank, n_ranked = by_hand(member)
        row = one(cmp, reference_type=kind)
        assert (row["reference_code"], row["reference_name"], row["reference_source"]) == (code, name, "computed")
        assert row["value"] == halden["value"]
        assert close(row["reference_value"], ref)
        assert close(row["difference"], halden["value"] - ref)
        assert (row["rank"], row["n_ranked"]) == (rank, n_ranked), kind
    assert one(cmp, reference_type="group")["rank"] == 49  # the lowest in its group


def test_compare_a_total_is_ranked_not_differenced() -> None:
    raw = [r for r in tidy_rows(EIENDOM) if r["indicator"] == "Folkemengde i alt"]
    groups = kostra_groups()
    cmp = spc.kostra.compare(EIENDOM, "0101", GROUPS, indicators=["Folkemengde i alt"])
    row = one(cmp, reference_type="group")
    ekg13 = [r["value"] for r in raw if groups.get(r["region_code"]) == 13]
    assert row["reference_value"] == sum(ekg13) == 1921427.0
    assert (row["rank"], row["n_ranked"]) == (1 + sum(v > 30544 for v in ekg13), len(ekg13))
    # The reference of a total is a sum over 49 municipalities: no difference is given.
    assert row["difference"] is None


def test_zscores_halden_in_ekg13() -> None:
    raw = tidy_rows(EIENDOM)
    groups = kostra_groups()
    z = spc.kostra.zscores(EIENDOM, "0101", GROUPS)
    assert z.columns == ["indicator", "period", "value", "group_code", "group_mean", "group_sd", "z", "n_members", "reason"]
    indicators = list(dict.fromkeys(r["indicator"] for r in raw))
    assert z["indicator"].to_list() == indicators
    for row in z.iter_rows(named=True):
        values = [
            r["value"] for r in raw
            if r["indicator"] == row["indicator"] and groups.get(r["region_code"]) == 13 and r["value"] is not None
        ]
        mean, sd = statistics.mean(values), statistics.stdev(values)
        assert (row["group_code"], row["period"], row["n_members"]) == ("EKG13", "2015", len(values))
        assert close(row["group_mean"], mean) and close(row["group_sd"], sd)
        assert close(row["z"], (row["value"] - mean) / sd)
        assert row["reason"] is None
    # What stands out: the expenses per inhabitant, more than 2 sd below the group mean.
    out = z.filter(pl.col("z").abs() > 2)
    assert out["indicator"].to_list() == [EXPENSES_PER_INHABITANT]
    # Against the county: the 18 Østfold municipalities.
    zc = spc.kostra.zscores(EIENDOM, "0101", GROUPS, indicators=["Folkemengde i alt"], reference="county")
    ost = [r["value"] for r in raw if r["indicator"] == "Folkemengde i alt" and r["region_code"].startswith("01")]
    row = zc.row(0, named=True)
    assert (row["group_code"], row["n_members"]) == ("01", 18)
    assert close(row["z"], (30544 - statistics.mean(ost)) / statistics.stdev(ost))
