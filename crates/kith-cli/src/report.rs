//! `kith report`: the network at a glance, for one file — text, JSON, an SVG wheel or an
//! HTML page — on stdout or, with `-o`, into a file replaced safely.

use crate::args::{ReportArgs, ReportFormat};
use crate::network::one_network;

use crate::status::{output_written, ExitStatus, Outcome};
use crate::write::write_file;
use kith_core::report::Report;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub(crate) fn run(arguments: &ReportArgs) -> Outcome {
    let today = arguments.today.resolve()?;
    let paths: Vec<PathBuf> = arguments.path.iter().cloned().collect();
    let (_, analysis) = one_network(&paths, "a report draws", "report", today)?;
    let report = Report::new(&analysis.network, &analysis.catalog, today);
    let format = arguments.format.unwrap_or_else(|| arguments.output.as_deref().map_or(ReportFormat::Text, format_of));
    let rendered = match format {
        ReportFormat::Text => report.to_text(),
        ReportFormat::Json => report.to_json(),
        ReportFormat::Html => report.to_html(),
        ReportFormat::Svg => report.to_svg(),
    };
    match &arguments.output {
        Some(output) => write_file(output, rendered.as_bytes())?,
        None => {
            let mut stdout = io::BufWriter::new(io::stdout().lock());
            output_written(stdout.write_all(rendered.as_bytes()).and_then(|()| stdout.flush()))?;
        }
    }
    Ok(ExitStatus::Success)
}

/// The format a file name asks for: `.svg`, `.html`/`.htm`, `.json`; anything else is text.
fn format_of(path: &Path) -> ReportFormat {
    let extension = path.extension().and_then(|extension| extension.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("svg") => ReportFormat::Svg,
        Some("html" | "htm") => ReportFormat::Html,
        Some("json") => ReportFormat::Json,
        _ => ReportFormat::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_files_extension_chooses_the_format() {
        assert_eq!(format_of(Path::new("wheel.svg")), ReportFormat::Svg);
        assert_eq!(format_of(Path::new("out/Report.HTML")), ReportFormat::Html);
        assert_eq!(format_of(Path::new("r.htm")), ReportFormat::Html);
        assert_eq!(format_of(Path::new("r.json")), ReportFormat::Json);
        assert_eq!(format_of(Path::new("report.txt")), ReportFormat::Text);
        assert_eq!(format_of(Path::new("report")), ReportFormat::Text);
    }
}
