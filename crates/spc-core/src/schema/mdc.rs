//! The tables of an MDC chart (`spc mdc --data`, `--icons`) and of a funnel plot (`spc kostra
//! funnel --data`).

use super::chart::{x_cells, x_cells_at};
use super::{Cells, Floats, Per, Schema};
use crate::funnel::{level_name, Direction, Flag, Funnel};
use crate::mdc::MdcChart;

/// One row per point of an MDC chart (`spc mdc --data`, `MdcChart.data`): `x`, `facet`
/// (only when faceted), `y, cl, lcl, ucl, part, point_type, target`.
pub fn mdc_points(c: &MdcChart) -> Schema<'_> {
    let mut t = Schema::new(c.y.len());
    t.push("x", x_cells(&c.x));
    if let Some(f) = &c.facet {
        t.push("facet", Cells::text(|i| Some(f[i].as_str())));
    }
    t.push("y", Cells::F64(Floats::Slice(&c.y)))
        .push("cl", Cells::F64(Floats::Slice(&c.cl)))
        .push("lcl", Cells::F64(Floats::Slice(&c.lcl)))
        .push("ucl", Cells::F64(Floats::Slice(&c.ucl)))
        .push("part", Cells::u32(|i| Some(c.part[i])))
        .push("point_type", Cells::text(|i| Some(c.point_type[i].name())))
        .push("target", Cells::F64(Floats::Slice(&c.target)));
    t
}

/// One row per facet of an MDC chart (`spc mdc --icons`, `MdcChart.icons`): `facet` (only
/// when faceted), `x` (of the facet's last point), `variation_icon`, `assurance_icon` (empty
/// without a target).
pub fn mdc_icons(c: &MdcChart) -> Schema<'_> {
    let icons = &c.icons;
    let mut t = Schema::new(icons.len());
    if c.facet.is_some() {
        t.push("facet", Cells::text(|i| Some(icons[i].facet.as_deref().unwrap_or(""))));
    }
    t.push("x", x_cells_at(&c.x, icons.iter().map(|i| i.last).collect()))
        .push("variation_icon", Cells::text(|i| Some(icons[i].variation)))
        .push("assurance_icon", Cells::text(|i| icons[i].assurance));
    t
}

/// One row per unit of a funnel plot (`spc kostra funnel --data`, `Funnel.data`):
/// `region_code, region_name, numerator, denominator, value, target`, `lcl_<L>, ucl_<L>` for
/// each level `L` ([`level_name`]: `lcl_95`, `ucl_99_8`), `flag, direction, status`. Units
/// not plotted have no value, limits, flag or direction, and the reason in `status` (the
/// source's symbol when it gives one; empty for plotted units).
pub fn funnel_rows(f: &Funnel) -> Schema<'_> {
    let r = &f.rows;
    let mut t = Schema::new(r.len());
    t.push("region_code", Cells::text(|i| Some(r[i].code.as_str())))
        .push("region_name", Cells::text(|i| Some(r[i].name.as_str())))
        .push("numerator", Cells::f64(|i| r[i].numerator.unwrap_or(f64::NAN)))
        .push("denominator", Cells::f64(|i| r[i].denominator.unwrap_or(f64::NAN)))
        .push("value", Cells::f64(|i| r[i].value.unwrap_or(f64::NAN)))
        .push("target", Cells::F64(Floats::Per(Per::All(f.target_value()))));
    for (k, &level) in f.spec.levels.iter().enumerate() {
        let name = level_name(level);
        t.push(format!("lcl_{name}"), Cells::f64(move |i| r[i].limits.get(k).map_or(f64::NAN, |l| l.lower)));
        t.push(format!("ucl_{name}"), Cells::f64(move |i| r[i].limits.get(k).map_or(f64::NAN, |l| l.upper)));
    }
    t.push("flag", Cells::text(|i| r[i].flag.map(Flag::name)))
        .push("direction", Cells::text(|i| r[i].direction.map(Direction::name)))
        .push("status", Cells::text(|i| Some(r[i].shown_status()).filter(|s| !s.is_empty())));
    t
}
