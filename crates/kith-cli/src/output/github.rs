//! `--format github`: GitHub Actions workflow commands (`::error file=…::message`), which
//! the Actions runner shows as annotations on the lines of a pull request.

use super::CheckedFile;
use kith_core::{Lint, Severity};
use std::io::{self, Write};

pub(super) fn write(files: &[CheckedFile], out: &mut dyn Write) -> io::Result<()> {
    for file in files {
        for lint in &file.lints {
            let range = file.range(lint.span);
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(lint.severity),
                escape_property(&file.name),
                range.start.line,
                range.start.column,
                range.end.line,
                range.end.column,
                escape_property(&format!("kith({})", lint.code)),
                escape_data(&annotation_text(lint)),
            )?;
        }
    }
    Ok(())
}

/// The workflow command for a severity: Actions knows errors, warnings and notices.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// The message, and the lint's help on a second line when it has one.
fn annotation_text(lint: &Lint) -> String {
    match &lint.help {
        Some(help) => format!("{}\nhelp: {help}", lint.message),
        None => lint.message.clone(),
    }
}

/// Escapes a command's message as the Actions runner expects.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property value (`file`, `title`), where `:` and `,` separate too.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use kith_core::Span;

    #[test]
    fn data_and_properties_are_escaped() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("we,ird:name%.kith"), "we%2Cird%3Aname%25.kith");
    }

    #[test]
    fn severities_map_to_commands_and_help_follows_the_message() {
        let text = "person ada \"Ada\"\n";
        let lints = vec![
            Lint::new("stale", Severity::Warning, Span::new(7, 10), "old").with_help("call her"),
            Lint::new("unfilled-role", Severity::Hint, Span::empty(0), "nobody"),
        ];
        let files = [CheckedFile::new("a,b.kith".into(), text.into(), lints)];
        let mut out = Vec::new();
        write(&files, &mut out).expect("writing to memory succeeds");
        let expected = "::warning file=a%2Cb.kith,line=1,col=8,endLine=1,endColumn=11,title=kith(stale)::old%0Ahelp: call her\n\
                        ::notice file=a%2Cb.kith,line=1,col=1,endLine=1,endColumn=1,title=kith(unfilled-role)::nobody\n";
        assert_eq!(String::from_utf8(out).expect("UTF-8 output"), expected);
    }
}
