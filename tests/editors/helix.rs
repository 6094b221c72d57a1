//! editors/helix/languages.toml, read as Helix reads it: the kith language uses `.kith`
//! files, `#` comments, two-space indentation, a language server that is this package's
//! `kith-lsp`, and a grammar in this repository whose queries the Helix folder provides.
//! Helix itself is not installed on CI; this checks everything it would look up.

use std::path::Path;
use toml::{Table, Value};

/// Query files Helix reads from runtime/queries/LANGUAGE/, and `folds.scm`, which Helix
/// ignores but which keeps the folder an exact copy of the grammar's queries.
const HELIX_QUERY_NAMES: [&str; 7] =
    ["highlights.scm", "indents.scm", "injections.scm", "locals.scm", "textobjects.scm", "tags.scm", "folds.scm"];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn config() -> Table {
    let path = repo().join("editors/helix/languages.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    text.parse::<Table>().unwrap_or_else(|error| panic!("{} is not valid TOML: {error}", path.display()))
}

/// The `[[NAME]]` entry named `name`.
fn entry<'a>(config: &'a Table, array: &str, name: &str) -> &'a Table {
    let entries = config.get(array).and_then(Value::as_array).unwrap_or_else(|| panic!("no [[{array}]] entries"));
    entries
        .iter()
        .filter_map(Value::as_table)
        .find(|entry| entry.get("name").and_then(Value::as_str) == Some(name))
        .unwrap_or_else(|| panic!("no [[{array}]] named {name}"))
}

fn string<'a>(table: &'a Table, key: &str) -> &'a str {
    table.get(key).and_then(Value::as_str).unwrap_or_else(|| panic!("{key} is not a string in {table:?}"))
}

#[test]
fn the_language_is_kith_files_with_hash_comments_and_two_space_indentation() {
    let config = config();
    let language = entry(&config, "language", "kith");
    assert_eq!(language.get("file-types"), Some(&Value::Array(vec![Value::from("kith")])));
    assert_eq!(string(language, "comment-token"), "#");
    let indent = language.get("indent").and_then(Value::as_table).expect("an indent table");
    assert_eq!(indent.get("tab-width").and_then(Value::as_integer), Some(2));
    assert_eq!(string(indent, "unit"), "  ");
}

#[test]
fn the_scope_matches_the_vscode_grammar() {
    let config = config();
    let grammar_path = repo().join("editors/vscode/syntaxes/kith.tmLanguage.json");
    let text = std::fs::read_to_string(&grammar_path).expect("the VS Code grammar is readable");
    let grammar: serde_json::Value = serde_json::from_str(&text).expect("the VS Code grammar is JSON");
    assert_eq!(string(entry(&config, "language", "kith"), "scope"), grammar["scopeName"]);
}

#[test]
fn every_language_server_is_declared_and_runs_kith_lsp() {
    let config = config();
    let language = entry(&config, "language", "kith");
    let servers = language.get("language-servers").and_then(Value::as_array).expect("a language-servers list");
    assert!(!servers.is_empty());
    let declared = config.get("language-server").and_then(Value::as_table).expect("[language-server.*] tables");
    let binary = Path::new(env!("CARGO_BIN_EXE_kith-lsp")).file_stem().expect("the binary has a name");
    for server in servers {
        let name = server.as_str().expect("language-servers names servers");
        let server =
            declared.get(name).and_then(Value::as_table).unwrap_or_else(|| panic!("no [language-server.{name}]"));
        assert_eq!(
            string(server, "command"),
            binary.to_string_lossy(),
            "[language-server.{name}] runs this package's binary"
        );
    }
}

#[test]
fn the_grammar_is_this_repositorys_and_the_queries_are_helix_queries() {
    let config = config();
    let grammar_name = string(entry(&config, "language", "kith"), "grammar");
    let grammar = entry(&config, "grammar", grammar_name);
    let source = grammar.get("source").and_then(Value::as_table).expect("a grammar source table");
    let path = string(source, "path");
    let subpath = "crates/tree-sitter-kith";
    assert!(path.ends_with(subpath), "the grammar source path ends in {subpath}: {path}");
    for file in ["src/parser.c", "src/scanner.c"] {
        assert!(repo().join(subpath).join(file).is_file(), "Helix builds {subpath}/{file}, which exists");
    }

    let queries = repo().join("editors/helix/queries").join(grammar_name);
    let names: Vec<String> = std::fs::read_dir(&queries)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", queries.display()))
        .map(|entry| entry.expect("a readable entry").file_name().to_string_lossy().into_owned())
        .collect();
    for required in ["highlights.scm", "indents.scm"] {
        assert!(names.iter().any(|name| name == required), "{} has {required}: {names:?}", queries.display());
    }
    for name in &names {
        assert!(HELIX_QUERY_NAMES.contains(&name.as_str()), "{name} is not a query Helix reads");
    }
}
