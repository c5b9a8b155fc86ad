//! Admission to work that costs far more than a page: password hashing and heavy downloads.
//!
//! A gate lets a fixed number of requests work at once and a bounded number wait, briefly, for
//! their turn; any more are turned away at once with 503 and `Retry-After`. So a storm of
//! sign-ins or downloads uses the slots it is given, and the pages keep the rest of the
//! machine: nothing queues without bound, and nothing waits until the client times out.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::error::AppError;

/// How many may work at once, how many may wait, and for how long.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    pub slots: usize,
    pub queue: usize,
    pub wait: Duration,
    /// What `Retry-After` says to those turned away.
    pub retry_after_secs: u64,
}

pub struct Gate {
    slots: Arc<Semaphore>,
    /// Requests working or waiting: at most `slots + queue`.
    admitted: Arc<AtomicUsize>,
    bounds: Bounds,
}

/// The right to work, held until dropped (after the work, or with the body it streams).
pub struct Pass {
    // Declared first, so dropped first: the slot is free before the place is given back.
    _slot: OwnedSemaphorePermit,
    _place: Place,
}

/// A place among those admitted; given back when dropped, however the request ends.
struct Place(Arc<AtomicUsize>);

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Gate {
    pub fn new(bounds: Bounds) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(bounds.slots.max(1))),
            admitted: Arc::new(AtomicUsize::new(0)),
            bounds,
        }
    }

    /// Waits for a slot; `Busy` when the queue is full or the wait too long.
    pub async fn enter(&self) -> Result<Pass, AppError> {
        let busy = AppError::Busy {
            retry_after_secs: self.bounds.retry_after_secs,
        };
        let before = self.admitted.fetch_add(1, Ordering::SeqCst);
        let place = Place(self.admitted.clone());
        if before >= self.bounds.slots + self.bounds.queue {
            return Err(busy);
        }
        let slot = self.slots.clone().acquire_owned();
        match tokio::time::timeout(self.bounds.wait, slot).await {
            Ok(Ok(slot)) => Ok(Pass {
                _slot: slot,
                _place: place,
            }),
            // Timed out, or the semaphore closed (never: it is not closed).
            _ => Err(busy),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(slots: usize, queue: usize) -> Gate {
        Gate::new(Bounds {
            slots,
            queue,
            wait: Duration::from_millis(50),
            retry_after_secs: 3,
        })
    }

    #[tokio::test]
    async fn beyond_the_slots_and_the_queue_a_request_is_turned_away_at_once() {
        let gate = gate(1, 0);
        let first = gate.enter().await.expect("a free slot");
        match gate.enter().await {
            Err(AppError::Busy { retry_after_secs }) => assert_eq!(retry_after_secs, 3),
            _ => panic!("a second request is turned away"),
        }
        drop(first);
        assert!(gate.enter().await.is_ok(), "the slot is free again");
    }

    #[tokio::test]
    async fn a_waiting_request_gets_the_slot_when_freed_or_gives_up_after_its_wait() {
        let gate = gate(1, 1);
        let first = gate.enter().await.expect("a free slot");
        assert!(gate.enter().await.is_err(), "the wait ran out");
        let free_soon = async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            drop(first);
        };
        let (waited, ()) = tokio::join!(gate.enter(), free_soon);
        assert!(waited.is_ok(), "the freed slot went to the waiting request");
    }
}
