//! `textDocument/foldingRange`: each person, role and pillar block folds to its header.

use super::DocumentRequest;
use crate::document::Snapshot;
use crate::session::Config;
use kith_core::Span;
use tower_lsp_server::ls_types::request::FoldingRangeRequest;
use tower_lsp_server::ls_types::*;

pub(crate) struct FoldingRanges;

impl DocumentRequest for FoldingRanges {
    type Request = FoldingRangeRequest;

    fn uri(params: &FoldingRangeParams) -> &Uri {
        &params.text_document.uri
    }

    fn run(
        snapshot: &Snapshot,
        _: &Config,
        _: FoldingRangeParams,
    ) -> tower_lsp_server::jsonrpc::Result<Option<Vec<FoldingRange>>> {
        Ok({
            let network = &snapshot.analysis.network;
            let blocks = network
                .people
                .iter()
                .map(|person| person.block)
                .chain(network.roles.iter().map(|role| role.block))
                .chain(network.pillars.iter().map(|pillar| pillar.block));
            let mut ranges: Vec<FoldingRange> = blocks.filter_map(|block| fold(snapshot, block)).collect();
            ranges.sort_by_key(|range| range.start_line);
            Some(ranges)
        })
    }
}

/// A fold from the block's first line to its last, if it spans more than one line.
fn fold(snapshot: &Snapshot, block: Span) -> Option<FoldingRange> {
    let positions = snapshot.positions();
    let range = positions.range(block);
    (range.end.line > range.start.line).then_some(FoldingRange {
        start_line: range.start.line,
        start_character: None,
        end_line: range.end.line,
        end_character: None,
        kind: Some(FoldingRangeKind::Region),
        collapsed_text: None,
    })
}
