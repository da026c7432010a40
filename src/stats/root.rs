//! One-dimensional root finding for the intervals and plans that invert a probability.

/// The root of a monotone `f` inside a bracket `[lo, hi]` whose ends have opposite signs (or
/// one is zero), by the Illinois variant of regula falsi with a bisection whenever a step
/// shrinks the bracket by less than half: superlinear on smooth functions, and never worse than
/// bisection. Stops when the bracket is a few ulps wide or `f` is exactly 0; `None` when the
/// ends do not bracket a root or `f` is not finite.
pub(crate) fn bracketed(f: &mut dyn FnMut(f64) -> f64, mut lo: f64, mut hi: f64) -> Option<f64> {
    let (mut f_lo, mut f_hi) = (f(lo), f(hi));
    if !(f_lo.is_finite() && f_hi.is_finite()) {
        return None;
    }
    if f_lo == 0.0 {
        return Some(lo);
    }
    if f_hi == 0.0 {
        return Some(hi);
    }
    if f_lo.signum() == f_hi.signum() {
        return None;
    }
    // Which end was kept last time (for the Illinois halving).
    let mut kept = 0i8;
    for _ in 0..400 {
        let width = hi - lo;
        if width.abs() <= 4.0 * f64::EPSILON * lo.abs().max(hi.abs()) || width == 0.0 {
            break;
        }
        let mut x = hi - f_hi * (hi - lo) / (f_hi - f_lo);
        if !(x.is_finite() && x > lo.min(hi) && x < lo.max(hi)) {
            x = lo + width / 2.0;
        }
        let fx = f(x);
        if !fx.is_finite() {
            return None;
        }
        if fx == 0.0 {
            return Some(x);
        }
        if fx.signum() == f_hi.signum() {
            hi = x;
            f_hi = fx;
            if kept == -1 {
                f_lo /= 2.0;
            }
            kept = -1;
        } else {
            lo = x;
            f_lo = fx;
            if kept == 1 {
                f_hi /= 2.0;
            }
            kept = 1;
        }
        // A step that kept most of the bracket: bisect too.
        if (hi - lo).abs() > 0.5 * width.abs() {
            let mid = lo + (hi - lo) / 2.0;
            let fm = f(mid);
            if !fm.is_finite() {
                return None;
            }
            if fm == 0.0 {
                return Some(mid);
            }
            if fm.signum() == f_hi.signum() {
                hi = mid;
                f_hi = fm;
            } else {
                lo = mid;
                f_lo = fm;
            }
            kept = 0;
        }
    }
    // The end nearer zero.
    Some(if f_lo.abs() <= f_hi.abs() { lo } else { hi })
}

/// A bracket `[lo, hi]` around the root of an increasing (`increasing = true`) or decreasing
/// `f`, grown from `[start − step, start + step]` by doubling the step away from the side whose
/// sign is wrong, at most 200 times.
pub(crate) fn bracket(
    f: &mut dyn FnMut(f64) -> f64,
    start: f64,
    step: f64,
    increasing: bool,
) -> Option<(f64, f64)> {
    let sign = if increasing { 1.0 } else { -1.0 };
    let mut step = step.abs().max(f64::MIN_POSITIVE);
    let (mut lo, mut hi) = (start - step, start + step);
    for _ in 0..200 {
        let (g_lo, g_hi) = (sign * f(lo), sign * f(hi));
        if g_lo.is_nan() || g_hi.is_nan() {
            return None;
        }
        if g_lo <= 0.0 && g_hi >= 0.0 {
            return Some((lo, hi));
        }
        step *= 2.0;
        if g_lo > 0.0 {
            hi = lo;
            lo -= step;
        } else {
            lo = hi;
            hi += step;
        }
        if !(lo.is_finite() && hi.is_finite()) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_roots_of_smooth_and_flat_functions() {
        let root = bracketed(&mut |x| x * x - 2.0, 0.0, 2.0).unwrap();
        assert!((root - 2f64.sqrt()).abs() <= 4.0 * f64::EPSILON);
        let root = bracketed(&mut |x: f64| (x - 1.0).powi(7), -3.0, 10.0).unwrap();
        assert!((root - 1.0).abs() < 1e-6);
        let root = bracketed(&mut |x: f64| 0.025 - (-x).exp(), 0.0, 100.0).unwrap();
        assert!((root - 40f64.ln()).abs() <= 1e-14);
        assert!(bracketed(&mut |x| x + 1.0, 0.0, 1.0).is_none());
    }

    #[test]
    fn grows_a_bracket() {
        let (lo, hi) = bracket(&mut |x| x - 1000.0, 0.0, 1.0, true).unwrap();
        assert!(lo <= 1000.0 && hi >= 1000.0);
        let (lo, hi) = bracket(&mut |x: f64| -x - 50.0, 0.0, 1.0, false).unwrap();
        assert!(lo <= -50.0 && hi >= -50.0);
    }
}
