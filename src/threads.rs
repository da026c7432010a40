//! Work shared among scoped threads, with the standard library alone (no feature needed).

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of each item, computed on up to `threads` threads (the calling one among them), in the
/// items' order. Threads take the next item as they finish one, so a few large items do not
/// hold the rest back when they come first.
pub(crate) fn map<I: Sync, O: Send>(
    items: &[I],
    threads: NonZeroUsize,
    f: impl Fn(&I) -> O + Sync,
) -> Vec<O> {
    let threads = threads.get().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(at) else {
                return done;
            };
            done.push((at, f(item)));
        }
    };
    let mut done: Vec<(usize, O)> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for other in others {
            // A panic in a worker is the caller's panic, as if it had run here.
            all.extend(
                other
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
        }
        all
    });
    done.sort_unstable_by_key(|(at, _)| *at);
    done.into_iter().map(|(_, out)| out).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_mapped_once_in_order() {
        let items: Vec<u64> = (0..1_000).collect();
        for threads in [1, 2, 3, 8, 2_000] {
            let threads = NonZeroUsize::new(threads).unwrap_or(NonZeroUsize::MIN);
            assert_eq!(
                map(&items, threads, |x| x * x),
                items.iter().map(|x| x * x).collect::<Vec<_>>()
            );
        }
        assert!(map(&[] as &[u8], NonZeroUsize::MIN, |x| *x).is_empty());
    }
}
