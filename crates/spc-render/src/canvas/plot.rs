//! A plot area: data mapped to pixels, its y axis (grid and tick labels at the left), its x
//! axis (a line, tick marks and labels below) and labels stacked at its right edge.

use super::palette::{Rgb, GRID, LIMIT, SUBTLE};
use super::scale::YScale;
use super::{font, Area, Canvas, Stroke, TextStyle, H, V};

/// Where the data go: the plot's pixels and the data ranges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Plot {
    pub(crate) area: Area,
    /// x from left to right.
    pub(crate) x: (f64, f64),
    /// x on a log10 scale.
    pub(crate) xlog: bool,
    /// y from bottom to top.
    pub(crate) y: (f64, f64),
}

impl Plot {
    /// The pixel column of `v`.
    pub(crate) fn fx(&self, v: f64) -> f64 {
        let (lo, hi) = self.x;
        let t = if self.xlog { (v.ln() - lo.ln()) / (hi.ln() - lo.ln()) } else { (v - lo) / (hi - lo) };
        self.area.left + t * (self.area.right - self.area.left)
    }

    /// The pixel row of `v`.
    pub(crate) fn fy(&self, v: f64) -> f64 {
        let (lo, hi) = self.y;
        self.area.bottom - (v - lo) / (hi - lo) * (self.area.bottom - self.area.top)
    }

    /// The y axis: a grid line and a label (pixel size `size`) at each tick.
    pub(crate) fn y_axis(&self, c: &mut Canvas, ys: &YScale, size: f64) {
        for t in &ys.ticks {
            let y = self.fy(*t);
            c.line(&[(self.area.left, y), (self.area.right, y)], Stroke::solid(GRID, 1.0));
            c.text(
                &ys.fmt.fmt(*t),
                (self.area.left - 6.0 * c.u, y),
                TextStyle::new(size, SUBTLE).at(H::Right, V::Center),
            );
        }
    }

    /// The x axis: a line along the bottom and, at each tick inside the plot, a mark and its
    /// label (pixel size `size`); with `grid`, a grid line up the plot too.
    pub(crate) fn x_axis(&self, c: &mut Canvas, ticks: &[(f64, String)], size: f64, grid: bool) {
        let u = c.u;
        c.line(&[(self.area.left, self.area.bottom), (self.area.right, self.area.bottom)], Stroke::solid(LIMIT, 1.0));
        for (x, s) in ticks {
            let xp = self.fx(*x);
            if xp < self.area.left - 1.0 || xp > self.area.right + 1.0 {
                continue;
            }
            if grid {
                c.line(&[(xp, self.area.top), (xp, self.area.bottom)], Stroke::solid(GRID, 1.0));
            }
            c.line(&[(xp, self.area.bottom), (xp, self.area.bottom + 5.0 * u)], Stroke::solid(LIMIT, 1.0));
            c.text(s, (xp, self.area.bottom + 7.0 * u), TextStyle::new(size, SUBTLE).at(H::Center, V::Top));
        }
    }

    /// Labels of values at the right edge (a centre line's value, a target), each at its
    /// value's height, stacked so they never overlap.
    pub(crate) fn edge_labels(&self, c: &mut Canvas, labels: &[EdgeLabel], size: f64) {
        let wanted: Vec<f64> = labels.iter().map(|l| self.fy(l.value)).collect();
        let at = stack(&wanted, size * 1.25, self.area.top, self.area.bottom);
        for (l, y) in labels.iter().zip(at) {
            c.text(&l.text, (self.area.right + 6.0 * c.u, y), TextStyle::new(size, l.color).at(H::Left, V::Center));
        }
    }
}

/// A label at the right edge of a plot.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EdgeLabel {
    pub(crate) value: f64,
    pub(crate) text: String,
    pub(crate) color: Rgb,
}

/// The width of the widest edge label at pixel size `size`.
pub(crate) fn edge_width(labels: &[EdgeLabel], size: f64) -> f64 {
    labels.iter().map(|l| font::width(&l.text, size, false)).fold(0.0, f64::max)
}

/// Labels of height `h` wanted at `ys`, stacked so they never overlap: each keeps its y if it
/// can, else moves down just enough, then the stack moves up if it runs past the bottom.
pub(crate) fn stack(ys: &[f64], h: f64, top: f64, bottom: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by(|&a, &b| ys[a].total_cmp(&ys[b]));
    let mut out = ys.to_vec();
    let mut prev = f64::NEG_INFINITY;
    for &i in &order {
        out[i] = ys[i].max(prev + h).max(top + h / 2.0);
        prev = out[i];
    }
    let mut next = f64::INFINITY;
    for &i in order.iter().rev() {
        out[i] = out[i].min(next - h).min(bottom - h / 2.0);
        next = out[i];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::palette::CL;
    use super::super::scale::y_scale;
    use super::*;
    use spc_core::Lang;

    #[test]
    fn labels_stack_without_overlap() {
        assert_eq!(stack(&[100.0, 102.0, 300.0], 20.0, 0.0, 1000.0), vec![100.0, 120.0, 300.0]);
        assert_eq!(stack(&[995.0, 996.0], 20.0, 0.0, 1000.0), vec![970.0, 990.0]);
    }

    #[test]
    fn data_map_to_pixels_linear_and_log() {
        let area = Area { left: 100.0, top: 10.0, right: 300.0, bottom: 110.0 };
        let p = Plot { area, x: (0.0, 10.0), xlog: false, y: (0.0, 50.0) };
        assert_eq!((p.fx(5.0), p.fy(0.0), p.fy(50.0), p.fy(25.0)), (200.0, 110.0, 10.0, 60.0));
        let l = Plot { xlog: true, x: (10.0, 1000.0), ..p };
        assert!((l.fx(100.0) - 200.0).abs() < 1e-9, "100 halfway between 10 and 1000");
    }

    #[test]
    fn axes_draw_grid_ticks_and_labels() {
        let mut c = Canvas::new(400, 200, 1.0);
        let ys = y_scale((0.0, 10.0), Lang::Nb, false, 3.0);
        let area = Area { left: 50.0, top: 10.0, right: 350.0, bottom: 160.0 };
        let p = Plot { area, x: (0.0, 4.0), xlog: false, y: (ys.lo, ys.hi) };
        p.y_axis(&mut c, &ys, 15.3);
        p.x_axis(&mut c, &[(0.0, "a".into()), (2.0, "b".into()), (9.0, "outside".into())], 15.3, false);
        p.edge_labels(&mut c, &[EdgeLabel { value: 5.0, text: "5,00".into(), color: CL }], 15.3);
        let svg = c.to_svg();
        // Ticks 0, 5, 10 over -0.6 to 10.6: grid line and label at each.
        assert_eq!(ys.ticks, vec![0.0, 5.0, 10.0]);
        assert_eq!(svg.matches("stroke=\"#E4E4E4\"").count(), 3);
        assert!(svg.contains("points=\"50,85 350,85 \""), "y = 5 halfway down: {svg}");
        assert!(svg.contains("<text x=\"44\" y=\"85\" dy=\"0.5ex\" text-anchor=\"end\""), "{svg}");
        // The axis line, two tick marks (the third tick is outside) and their labels.
        assert_eq!(svg.matches("stroke=\"#8C8C8C\"").count(), 3);
        assert!(svg.contains("points=\"200,160 200,165 \"") && !svg.contains("outside"));
        assert!(
            svg.contains("<text x=\"356\" y=\"85\" dy=\"0.5ex\" text-anchor=\"start\"")
                && svg.contains("fill=\"#4D4D4D\"")
        );
    }
}
