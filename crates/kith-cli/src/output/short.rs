//! `--format short`: one `path:line:col: severity[code] message` per diagnostic, for
//! editors' error lists and grep.

use super::CheckedFile;
use std::io::{self, Write};

pub(super) fn write(files: &[CheckedFile], out: &mut dyn Write) -> io::Result<()> {
    for file in files {
        for lint in &file.lints {
            let start = file.position(lint.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                file.name, start.line, start.column, lint.severity, lint.code, lint.message
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use kith_core::{Lint, Severity, Span};

    #[test]
    fn one_line_per_lint_with_a_one_based_position() {
        let text = "person ada \"Ada\"\n  role mentr\n";
        let role = text.find("mentr").expect("the text holds mentr");
        let lint = Lint::new("unknown-role", Severity::Error, Span::new(role, role + 5), "no such role");
        let files = [CheckedFile::new("a.kith".into(), text.into(), vec![lint.clone(), lint])];
        let mut out = Vec::new();
        write(&files, &mut out).expect("writing to memory succeeds");
        let line = "a.kith:2:8: error[unknown-role] no such role\n";
        assert_eq!(String::from_utf8(out).expect("UTF-8 output"), line.repeat(2));
    }
}
