//! The allocator of both binaries: mimalloc, for Rust's allocations and for those of
//! tree-sitter's C runtime, whose syntax trees are most of the memory a check uses.
//! Measured in docs/performance.md: it makes `kith check` of a large file about a third
//! faster than the system allocator.

use libmimalloc_sys::{mi_calloc, mi_free, mi_malloc, mi_realloc};
use mimalloc::MiMalloc;
use std::ffi::c_void;

#[global_allocator]
static GLOBAL: MiMalloc = MiMalloc;

/// Makes tree-sitter allocate with mimalloc too. Called first thing in `main`, before
/// anything creates a parser or a tree.
pub(crate) fn install() {
    let allocator = tree_sitter::Allocator { malloc, calloc, realloc, free };
    // SAFETY: the four functions are one allocator's (mimalloc's, which aligns like
    // `malloc`), and this runs at the start of `main`, on the only thread, before any
    // tree-sitter object exists.
    unsafe { tree_sitter::set_allocator(Some(allocator)) };
}

unsafe extern "C" fn malloc(size: usize) -> *mut c_void {
    // SAFETY: mimalloc's `malloc`, called as tree-sitter calls `malloc`.
    unsafe { mi_malloc(size) }
}

unsafe extern "C" fn calloc(count: usize, size: usize) -> *mut c_void {
    // SAFETY: as for `malloc`.
    unsafe { mi_calloc(count, size) }
}

unsafe extern "C" fn realloc(pointer: *mut c_void, size: usize) -> *mut c_void {
    // SAFETY: tree-sitter reallocates only what these functions allocated.
    unsafe { mi_realloc(pointer, size) }
}

unsafe extern "C" fn free(pointer: *mut c_void) {
    // SAFETY: tree-sitter frees only what these functions allocated.
    unsafe { mi_free(pointer) }
}

#[cfg(test)]
mod tests {
    use libmimalloc_sys::mi_is_in_heap_region;

    /// Whether tree-sitter allocated a parsed person with mimalloc: a node's id is the
    /// address of its data, which tree-sitter allocated.
    fn parsed_by_mimalloc() -> bool {
        let tree = kith_core::syntax::parse("person ada \"Ada\"\n  2026-03-14 coffee\n");
        let person = tree.root_node().child(0).expect("the source has a person");
        // SAFETY: only asks mimalloc whether an address is its own.
        unsafe { mi_is_in_heap_region(person.id() as *const _) }
    }

    #[test]
    fn syntax_trees_live_in_mimalloc_once_installed() {
        assert!(!parsed_by_mimalloc(), "before, tree-sitter uses the C library's malloc");
        super::install();
        assert!(parsed_by_mimalloc());
    }
}
