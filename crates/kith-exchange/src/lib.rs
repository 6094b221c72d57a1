//! kith-exchange: the formats a kith network is exchanged in. `import` turns the exports
//! people already have into people and interactions of a network; `export` writes a network
//! out for address books, calendars and scripts. Pure like kith-core: text in, text out.

pub mod export;
pub mod import;
