//! Where the statistics are counted: one thread at the lowest CPU priority (nice 19), so a
//! count over the whole corpus (a second and more at a million texts, once a minute a chart)
//! takes only the CPU that requests leave. Counted on a pool thread, it took one of the two
//! cores from the pages: while it ran, the statistics page's p99 went from 10 ms to 65 ms.
//!
//! On a server with spare CPU a count runs at once; on one answering all it can, counts wait
//! and the charts say when their figures were counted. On PostgreSQL the count runs in the
//! database server's own process, which this priority does not reach.

use std::sync::mpsc;

use tokio::sync::oneshot;

type Job = Box<dyn FnOnce() + Send>;

/// The counting thread's queue; the thread starts with the first job.
#[derive(Debug, Default)]
pub struct Counting {
    queue: std::sync::Mutex<Option<mpsc::Sender<Job>>>,
}

impl Counting {
    /// Runs `count` on the counting thread; the receiver has its result once done (an
    /// error if the thread could not take it).
    pub fn run<T, F>(&self, count: F) -> oneshot::Receiver<T>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            // The one waiting may have gone; the figures are stored all the same.
            let _ = done.send(count());
        });
        let mut queue = self
            .queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // A thread that ended (a count panicked) is started again.
        let job = match queue.as_ref() {
            Some(jobs) => match jobs.send(job) {
                Ok(()) => return result,
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        match start() {
            Ok(jobs) => {
                // A thread just started has its queue open.
                let _ = jobs.send(job);
                *queue = Some(jobs);
            }
            Err(error) => tracing::error!(%error, "the counting thread did not start"),
        }
        result
    }
}

fn start() -> std::io::Result<mpsc::Sender<Job>> {
    let (jobs, queue) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("concord-counting".into())
        .spawn(move || {
            lower_priority();
            for job in queue {
                job();
            }
        })?;
    Ok(jobs)
}

/// Nice 19 for this thread alone: on Linux a thread's id names it for `setpriority`, and the
/// nice value is the thread's own. Where it cannot be set, counting runs at the priority it
/// has.
fn lower_priority() {
    let me = rustix::thread::gettid();
    if let Err(error) = rustix::process::setpriority_process(Some(me), 19) {
        tracing::warn!(%error, "the counting thread keeps its priority");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn counts_run_in_turn_on_a_thread_of_the_lowest_priority() {
        let counting = Counting::default();
        let first = counting.run(|| 1);
        let second = counting.run(|| {
            let me = rustix::thread::gettid();
            let name = std::thread::current().name().map(String::from);
            (name, rustix::process::getpriority_process(Some(me)))
        });
        assert_eq!(first.await.ok(), Some(1));
        let (name, priority) = second.await.expect("counted");
        assert_eq!(name.as_deref(), Some("concord-counting"));
        assert_eq!(priority.expect("read"), 19);
    }
}
