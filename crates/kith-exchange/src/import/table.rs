//! The CSV tables of LinkedIn, Google and Outlook exports: find the header row (after any
//! preamble), then read rows with their line numbers, never letting one broken row take
//! others with it.

use super::{Malformed, ReadError};
use csv::{ReaderBuilder, StringRecord};

/// A CSV export read row by row after its header.
pub(super) struct Table<'t> {
    text: &'t str,
    /// The header's cells, trimmed.
    pub header: Vec<String>,
    reader: csv::Reader<&'t [u8]>,
    /// Where the reader's input starts in `text`, in bytes.
    input_offset: usize,
    /// A byte offset in `text` and the 1-based line it is on, moved forward as rows are
    /// read (the csv crate's own line count skips the breaks inside quoted cells).
    counted: (usize, usize),
}

/// A data row: the 1-based line it starts on and its cells (as many as the header has).
pub(super) type Row = Result<(usize, StringRecord), Malformed>;

impl<'t> Table<'t> {
    /// Opens the table whose header is the first line that `is_header` accepts; lines
    /// above it (LinkedIn's "Notes:" preamble) are skipped. The error when no line is a
    /// header names the export (`what`) and the header expected (`expected`).
    pub(super) fn open(
        text: &'t str,
        is_header: impl Fn(&[String]) -> bool,
        what: &str,
        expected: &str,
    ) -> Result<Self, ReadError> {
        let mut offset = 0;
        for (index, line) in text.split_inclusive('\n').enumerate() {
            let cells = cells_of_line(line);
            if is_header(&cells) {
                let body = offset + line.len();
                return Ok(Self {
                    text,
                    header: cells,
                    reader: reader(&text[body..]),
                    input_offset: body,
                    counted: (body, index + 2),
                });
            }
            offset += line.len();
        }
        Err(ReadError::new(format!("no {what} header row found (expected a line like `{expected}`)")))
    }

    /// The index of the column named `name`, if the header has it.
    pub(super) fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|cell| cell == name)
    }

    /// The index of the first column named `name` in any case (`FROM`, `From`).
    pub(super) fn column_in_any_case(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|cell| cell.eq_ignore_ascii_case(name))
    }

    /// The 1-based line of byte `offset` (at or after the last offset asked about).
    fn line_at(&mut self, offset: usize) -> usize {
        let (from, line) = self.counted;
        let line = line + self.text[from..offset].matches('\n').count();
        self.counted = (offset, line);
        line
    }

    /// After a row that swallowed the lines below it (an unclosed quote), reading starts
    /// again on the line after the row's first, so the rows it swallowed are read after all.
    fn restart_after(&mut self, row_start: usize, row_line: usize) {
        let next_line = self.text[row_start..].find('\n').map_or(self.text.len(), |at| row_start + at + 1);
        self.reader = reader(&self.text[next_line..]);
        self.input_offset = next_line;
        self.counted = (next_line, row_line + 1);
    }
}

impl Iterator for Table<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        loop {
            let mut record = StringRecord::new();
            let read = self.reader.read_record(&mut record);
            let end = self.input_offset + self.reader.position().byte() as usize;
            // The csv crate's record position is where it started looking: before the blank
            // lines above the row, or on the `\n` of the previous row's `\r\n`.
            let looked_from = self.input_offset + record.position().map_or(0, |position| position.byte() as usize);
            let looked_at = &self.text[looked_from..end];
            let start = looked_from + (looked_at.len() - looked_at.trim_start_matches(['\r', '\n']).len());
            let line = self.line_at(start);
            match read {
                Ok(false) => return None,
                Err(error) => return Some(Err(Malformed::new(line, format!("unreadable row: {error}")))),
                Ok(true) => {}
            }
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            // A well-formed row has its quotes in pairs; one left open runs to the next quote
            // or the end of the file, taking the rows in between with it.
            let raw = &self.text[start..end];
            let spans_lines = raw.trim_end_matches(['\r', '\n']).contains('\n');
            let quote_left_open = raw.matches('"').count() % 2 == 1;
            if spans_lines && (quote_left_open || record.len() != self.header.len()) {
                self.restart_after(start, line);
                return Some(Err(Malformed::new(
                    line,
                    "a quote opened in this row is never closed (reading goes on on the next line)",
                )));
            }
            if record.len() == self.header.len() {
                return Some(Ok((line, record)));
            }
            let cells = record.len();
            let plural = if cells == 1 { "" } else { "s" };
            return Some(Err(Malformed::new(
                line,
                format!("{cells} field{plural} where the header has {} (an unquoted comma?)", self.header.len()),
            )));
        }
    }
}

fn reader(input: &str) -> csv::Reader<&[u8]> {
    ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input.as_bytes())
}

/// The trimmed cells of one line read alone as CSV.
fn cells_of_line(line: &str) -> Vec<String> {
    let mut record = StringRecord::new();
    match reader(line).read_record(&mut record) {
        Ok(true) => record.iter().map(|cell| cell.trim().to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The values of a Google-style multi-value cell: `a ::: b ::: c`.
pub(super) fn multi_values(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(":::").map(str::trim).filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table<'_> {
        Table::open(text, |cells| cells.first().is_some_and(|cell| cell == "Name"), "test", "Name").expect("a header")
    }

    /// A row as (line, cells), or a malformed one as (line, message).
    type Read = Result<(usize, Vec<String>), (usize, String)>;

    fn rows(text: &str) -> Vec<Read> {
        table(text)
            .map(|row| match row {
                Ok((line, record)) => Ok((line, record.iter().map(str::to_string).collect())),
                Err(malformed) => Err((malformed.line, malformed.message)),
            })
            .collect()
    }

    #[test]
    fn the_header_may_follow_a_preamble_and_rows_know_their_lines() {
        let text = "Notes:\n\"Some, text\"\n\nName,Email\nAda,ada@example.org\n\n\"Grace \"\"Amazing\"\" Hopper\",\"g@example.org\"\n";
        let table = table(text);
        assert_eq!(table.header, ["Name", "Email"]);
        assert_eq!(table.column("Email"), Some(1));
        assert_eq!(
            rows(text),
            [
                Ok((5, vec!["Ada".to_string(), "ada@example.org".to_string()])),
                Ok((7, vec!["Grace \"Amazing\" Hopper".to_string(), "g@example.org".to_string()])),
            ]
        );
    }

    #[test]
    fn quoted_cells_may_span_lines() {
        let text = "Name,Notes\r\nAda,\"line one\r\nline two\"\r\nGrace,x\r\n";
        let rows = rows(text);
        assert_eq!(rows[0], Ok((2, vec!["Ada".to_string(), "line one\r\nline two".to_string()])));
        assert_eq!(rows[1], Ok((4, vec!["Grace".to_string(), "x".to_string()])));
    }

    #[test]
    fn a_row_with_the_wrong_cell_count_is_malformed_and_the_next_is_read() {
        let text = "Name,Email\nAda,Lovelace,ada@example.org\nGrace,g@example.org\n,\n";
        let rows = rows(text);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0], Err((2, "3 fields where the header has 2 (an unquoted comma?)".to_string())));
        assert_eq!(rows[1], Ok((3, vec!["Grace".to_string(), "g@example.org".to_string()])));
    }

    #[test]
    fn an_unclosed_quote_loses_only_its_own_row() {
        let text = "Name,Email\nAda,\"ada@example.org\nGrace,g@example.org\nCharles,c@example.org\n";
        let rows = rows(text);
        assert!(matches!(&rows[0], Err((2, message)) if message.contains("never closed")), "{rows:?}");
        assert_eq!(rows[1], Ok((3, vec!["Grace".to_string(), "g@example.org".to_string()])));
        assert_eq!(rows[2], Ok((4, vec!["Charles".to_string(), "c@example.org".to_string()])));
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn no_header_is_an_error_naming_the_export() {
        let error = Table::open(
            "a,b\n1,2\n",
            |cells| cells.first().is_some_and(|cell| cell == "Name"),
            "LinkedIn",
            "Name,Email",
        );
        assert_eq!(
            error.err().map(|error| error.message),
            Some("no LinkedIn header row found (expected a line like `Name,Email`)".to_string())
        );
    }

    #[test]
    fn multi_values_split_on_triple_colons() {
        assert_eq!(multi_values(" a@x.org ::: b@x.org :::  ").collect::<Vec<_>>(), ["a@x.org", "b@x.org"]);
    }
}
