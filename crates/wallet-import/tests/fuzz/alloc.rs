//! A counting global allocator, so that a fuzz case's memory is measured rather than guessed: the live
//! bytes a thread allocated since its case started and their peak, and a hard cap beyond which an
//! allocation fails (the process aborts with the case still on disk) instead of swapping the machine.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// No single case may hold more than this at once, whatever its input.
pub const HARD_CAP: usize = 1 << 30;

pub struct Counting;

thread_local! {
    static TRACKING: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

/// Counts `size` more bytes on this thread; false when that would pass the hard cap.
fn grow(size: usize) -> bool {
    TRACKING
        .try_with(|tracking| {
            if !tracking.get() {
                return true;
            }
            let live = LIVE.with(Cell::get).saturating_add(size);
            if live > HARD_CAP {
                return false;
            }
            LIVE.with(|l| l.set(live));
            PEAK.with(|p| p.set(p.get().max(live)));
            true
        })
        .unwrap_or(true)
}

fn shrink(size: usize) {
    let _ = TRACKING.try_with(|tracking| {
        if tracking.get() {
            LIVE.with(|l| l.set(l.get().saturating_sub(size)));
        }
    });
}

// SAFETY: every call goes to the system allocator with the caller's layout; the counting only reads and
// writes thread-local cells that need no allocation.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !grow(layout.size()) {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !grow(layout.size()) {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrink(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() && !grow(new_size - layout.size()) {
            return std::ptr::null_mut();
        }
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        if new_size < layout.size() {
            shrink(layout.size() - new_size);
        } else if moved.is_null() {
            shrink(new_size - layout.size());
        }
        moved
    }
}

/// Runs `f` with this thread's allocations counted from zero; returns its result and the peak live bytes.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LIVE.with(|l| l.set(0));
    PEAK.with(|p| p.set(0));
    TRACKING.with(|t| t.set(true));
    let out = f();
    TRACKING.with(|t| t.set(false));
    (out, PEAK.with(Cell::get))
}
