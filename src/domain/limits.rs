//! Rate limits by the generic cell rate algorithm: a bucket of `burst` attempts that refills
//! one attempt every `interval`. Its whole state is one instant, the theoretical arrival time
//! (TAT): the bucket is full when the TAT is not in the future. Pure, so the store can keep the
//! instant in a row that every instance reads and writes.

/// A quota: `burst` attempts at once, one more every `interval_ms` milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub interval_ms: i64,
    pub burst: i64,
}

impl Quota {
    /// `per_minute` attempts a minute, up to `burst` at once (each at least one).
    pub fn per_minute(per_minute: u32, burst: u32) -> Self {
        Self {
            interval_ms: 60_000 / i64::from(per_minute.max(1)),
            burst: i64::from(burst.max(1)),
        }
    }
}

/// What one attempt at `now_ms` does to a bucket whose TAT is `tat_ms` (`None`: no row, a
/// full bucket).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Allowed: the bucket's new TAT.
    Allow { tat_ms: i64 },
    /// Refused: whole seconds to wait (at least one); the TAT is unchanged.
    Wait { seconds: u64 },
}

pub fn attempt(quota: Quota, tat_ms: Option<i64>, now_ms: i64) -> Decision {
    let start = tat_ms.map_or(now_ms, |tat| tat.max(now_ms));
    let new_tat = start.saturating_add(quota.interval_ms);
    let allowed_until = now_ms.saturating_add(quota.interval_ms.saturating_mul(quota.burst));
    if new_tat <= allowed_until {
        Decision::Allow { tat_ms: new_tat }
    } else {
        let wait_ms = new_tat - allowed_until;
        let seconds = u64::try_from((wait_ms + 999) / 1_000).unwrap_or(1).max(1);
        Decision::Wait { seconds }
    }
}

/// Gives back one attempt spent at `now_ms` on a bucket whose TAT is `tat_ms`: an attempt
/// that turned out not to count (a sign-in that succeeded). `None` when the bucket is full
/// again.
pub fn refund(quota: Quota, tat_ms: Option<i64>, now_ms: i64) -> Option<i64> {
    let tat = tat_ms?.saturating_sub(quota.interval_ms);
    (tat > now_ms).then_some(tat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_refused_until_the_bucket_refills() {
        let quota = Quota::per_minute(6, 3);
        let mut tat = None;
        for _ in 0..3 {
            match attempt(quota, tat, 0) {
                Decision::Allow { tat_ms } => tat = Some(tat_ms),
                Decision::Wait { .. } => panic!("within the burst"),
            }
        }
        assert_eq!(tat, Some(30_000));
        assert_eq!(attempt(quota, tat, 0), Decision::Wait { seconds: 10 });
        assert_eq!(attempt(quota, tat, 9_500), Decision::Wait { seconds: 1 });
        assert_eq!(
            attempt(quota, tat, 10_000),
            Decision::Allow { tat_ms: 40_000 }
        );
    }

    #[test]
    fn a_past_arrival_time_is_a_full_bucket() {
        let quota = Quota::per_minute(60, 2);
        assert_eq!(
            attempt(quota, Some(5), 100_000),
            attempt(quota, None, 100_000)
        );
    }

    #[test]
    fn a_refunded_attempt_leaves_room_for_another() {
        let quota = Quota::per_minute(6, 2);
        let Decision::Allow { tat_ms: one } = attempt(quota, None, 0) else {
            panic!("a full bucket allows");
        };
        let Decision::Allow { tat_ms: two } = attempt(quota, Some(one), 0) else {
            panic!("within the burst");
        };
        assert!(matches!(
            attempt(quota, Some(two), 0),
            Decision::Wait { .. }
        ));
        let refunded = refund(quota, Some(two), 0);
        assert_eq!(refunded, Some(one));
        assert!(matches!(
            attempt(quota, refunded, 0),
            Decision::Allow { .. }
        ));
        // Nothing is owed beyond a full bucket.
        assert_eq!(refund(quota, Some(one), 0), None);
        assert_eq!(refund(quota, None, 0), None);
    }
}
