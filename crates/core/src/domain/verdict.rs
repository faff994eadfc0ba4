//! The three-valued verdict and its Kleene logic.
//!
//! A verdict is always stated **from the patient's side**: `Fits` means "this criterion does not
//! stand in the way". For an inclusion criterion that means it is met; for an exclusion criterion it
//! means the exclusion does *not* apply. `Unknown` is a first-class answer: "I don't know" must never
//! silently become "does not fit" (the trap two-valued form engines fall into).
//!
//! The operators follow Kleene's strong three-valued logic, with `Fits` as true and `DoesNotFit` as
//! false: `and` is false as soon as one side is false, `or` is true as soon as one side is true, and
//! anything else involving `Unknown` stays unknown.

use std::ops::{BitAnd, BitOr, Not};

/// What the answers suggest about one criterion (or one condition), from the patient's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The criterion does not stand in the way (an exclusion that does not apply also "fits").
    Fits,
    /// The answers show the criterion is not met (or an exclusion applies).
    DoesNotFit,
    /// The answers cannot tell: not answered, "not sure", or only the study team can decide.
    Unknown,
}

impl Verdict {
    /// Kleene conjunction over any number of verdicts; the empty conjunction fits.
    pub fn all(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
        verdicts.into_iter().fold(Verdict::Fits, |acc, v| acc & v)
    }

    /// Kleene disjunction over any number of verdicts; the empty disjunction does not fit.
    pub fn any(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
        verdicts
            .into_iter()
            .fold(Verdict::DoesNotFit, |acc, v| acc | v)
    }
}

impl From<bool> for Verdict {
    fn from(b: bool) -> Self {
        if b {
            Verdict::Fits
        } else {
            Verdict::DoesNotFit
        }
    }
}

impl BitAnd for Verdict {
    type Output = Verdict;
    fn bitand(self, rhs: Verdict) -> Verdict {
        use Verdict::*;
        match (self, rhs) {
            (DoesNotFit, _) | (_, DoesNotFit) => DoesNotFit,
            (Fits, Fits) => Fits,
            _ => Unknown,
        }
    }
}

impl BitOr for Verdict {
    type Output = Verdict;
    fn bitor(self, rhs: Verdict) -> Verdict {
        use Verdict::*;
        match (self, rhs) {
            (Fits, _) | (_, Fits) => Fits,
            (DoesNotFit, DoesNotFit) => DoesNotFit,
            _ => Unknown,
        }
    }
}

impl Not for Verdict {
    type Output = Verdict;
    fn not(self) -> Verdict {
        match self {
            Verdict::Fits => Verdict::DoesNotFit,
            Verdict::DoesNotFit => Verdict::Fits,
            Verdict::Unknown => Verdict::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Verdict::{self, DoesNotFit as F, Fits as T, Unknown as U};

    /// Checks one row of a binary truth table both ways round, as an operator and via `all`/`any`.
    fn check_and(a: Verdict, b: Verdict, want: Verdict) {
        assert_eq!(a & b, want, "{a:?} & {b:?}");
        assert_eq!(b & a, want, "{b:?} & {a:?}");
        assert_eq!(Verdict::all([a, b]), want);
        assert_eq!(Verdict::all([b, a]), want);
    }

    fn check_or(a: Verdict, b: Verdict, want: Verdict) {
        assert_eq!(a | b, want, "{a:?} | {b:?}");
        assert_eq!(b | a, want, "{b:?} | {a:?}");
        assert_eq!(Verdict::any([a, b]), want);
        assert_eq!(Verdict::any([b, a]), want);
    }

    #[test]
    fn and_truth_table() {
        check_and(T, T, T);
        check_and(T, U, U);
        check_and(T, F, F);
        check_and(U, U, U);
        check_and(U, F, F);
        check_and(F, F, F);
    }

    #[test]
    fn or_truth_table() {
        check_or(T, T, T);
        check_or(T, U, T);
        check_or(T, F, T);
        check_or(U, U, U);
        check_or(U, F, U);
        check_or(F, F, F);
    }

    #[test]
    fn not_truth_table() {
        assert_eq!(!T, F);
        assert_eq!(!F, T);
        assert_eq!(!U, U);
    }

    #[test]
    fn de_morgan_holds_for_every_pair() {
        for a in [T, U, F] {
            for b in [T, U, F] {
                assert_eq!(!(a & b), !a | !b, "{a:?} {b:?}");
                assert_eq!(!(a | b), !a & !b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn empty_folds_are_identities() {
        assert_eq!(Verdict::all([]), T);
        assert_eq!(Verdict::any([]), F);
    }
}
