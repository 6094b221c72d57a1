//! `kith choose`: choose your key people in the terminal, one candidate at a time — the
//! person and their evidence, the pillars still empty, the roles to give (grouped by
//! pillar, a key each), and the count against `key-people`. Each choice is written at once,
//! safely (`promote`). Keyboard only, fits 80×24, plain without colour under `NO_COLOR`;
//! without a terminal it says so and points at `suggest` and `promote`. The screen is
//! drawn with crossterm (raw mode, the alternate screen, cursor moves and colours).

use crate::args::ChooseArgs;
use crate::discover::Source;
use crate::key_people::{change_roles, Suggestions};
use crate::network::{chosen_file, read};

use crate::status::{io_reason, ExitStatus, Outcome};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::style::{Attribute, Color, Print, ResetColor, SetAttribute, SetForegroundColor};
use crossterm::terminal::{self, ClearType};
use crossterm::{cursor, execute, queue};
use kith_core::catalog::Catalog;
use kith_core::edits;
use kith_core::evidence::Candidate;
use kith_core::{wording, Date};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// How many candidates a session walks through at most.
const CANDIDATES: usize = 50;
/// The keys of the roles, in the catalog's order (`n`, `p` and `q` move and quit).
const ROLE_KEYS: &str = "abcdefghijklmorstuvwxyz";

pub(crate) fn run(arguments: &ChooseArgs) -> Outcome {
    choose(arguments)?;
    Ok(ExitStatus::Success)
}

fn choose(arguments: &ChooseArgs) -> Result<(), String> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err("`kith choose` is interactive and needs a terminal; without one, `kith suggest` lists the candidates with their evidence and `kith promote ID ROLE` gives someone a role".to_string());
    }
    let today = arguments.network.today.resolve()?;
    let path = chosen_file(arguments.network.file.as_deref())?;
    let mut session = Session::open(path, today)?;
    let outcome = {
        let _terminal = Terminal::enter().map_err(|error| format!("cannot use the terminal: {}", io_reason(&error)))?;
        session.run()
    };
    outcome?;
    let mut stdout = std::io::stdout().lock();
    for line in session.summary() {
        let _ = writeln!(stdout, "{line}");
    }
    Ok(())
}

/// One `kith choose` session: the candidates as they were at the start, where the user is,
/// and what they chose.
struct Session {
    path: PathBuf,
    name: String,
    today: Date,
    suggestions: Suggestions,
    catalog: Catalog,
    candidates: Vec<Candidate>,
    at: usize,
    /// The roles picked for the current candidate, not yet written.
    picked: Vec<String>,
    /// Who got which roles, in order.
    chosen: Vec<(String, Vec<String>)>,
    /// What the last key did, for the message line.
    message: String,
    plain: bool,
}

impl Session {
    fn open(path: PathBuf, today: Date) -> Result<Self, String> {
        let name = path.display().to_string();
        let analysis = read_network(&path, today)?;
        let suggestions = Suggestions::new(&analysis, today, CANDIDATES, None, None);
        let candidates = suggestions.candidates.clone();
        Ok(Self {
            path,
            name,
            today,
            catalog: analysis.catalog,
            suggestions,
            candidates,
            at: 0,
            picked: Vec::new(),
            chosen: Vec::new(),
            message: String::new(),
            plain: std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
        })
    }

    fn run(&mut self) -> Result<(), String> {
        let unusable = |error: std::io::Error| format!("cannot use the terminal: {}", io_reason(&error));
        loop {
            let (width, height) = terminal::size().map_err(unusable)?;
            draw(&mut std::io::stdout().lock(), &self.screen(width as usize), height as usize, self.plain)
                .map_err(unusable)?;
            let Event::Key(key) = event::read().map_err(unusable)? else { continue };
            if key.kind != KeyEventKind::Press {
                continue;
            }
            match key.code {
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => return Ok(()),
                KeyCode::Char('q') | KeyCode::Esc => return Ok(()),
                KeyCode::Char('n') | KeyCode::Right | KeyCode::Tab => self.move_by(1, "skipped"),
                KeyCode::Char('p') | KeyCode::Left | KeyCode::BackTab => self.move_by(-1, "back"),
                KeyCode::Enter => self.confirm()?,
                KeyCode::Char(letter) => self.toggle(letter),
                _ => {}
            }
        }
    }

    fn current(&self) -> Option<&Candidate> {
        self.candidates.get(self.at)
    }

    fn move_by(&mut self, step: isize, what: &str) {
        let next = self.at as isize + step;
        if next < 0 {
            self.message = "this is the first candidate".to_string();
            return;
        }
        if let Some(candidate) = self.current() {
            self.message = format!("{what} {}", candidate.name);
        }
        self.at = (next as usize).min(self.candidates.len());
        self.picked.clear();
    }

    fn toggle(&mut self, letter: char) {
        let Some(index) = ROLE_KEYS.find(letter) else { return };
        let Some(role) = self.catalog.roles.get(index) else { return };
        let role = role.id.clone();
        match self.picked.iter().position(|picked| *picked == role) {
            Some(at) => {
                self.picked.remove(at);
            }
            None => self.picked.push(role),
        }
    }

    /// Writes the picked roles for the current candidate and moves on; without any, skips.
    fn confirm(&mut self) -> Result<(), String> {
        let Some(candidate) = self.current().cloned() else { return Ok(()) };
        if self.picked.is_empty() {
            self.move_by(1, "skipped");
            return Ok(());
        }
        let roles: Vec<&str> = self.picked.iter().map(String::as_str).collect();
        let changed = change_roles(&self.path, &candidate.id, self.today, |text, _, person, _| {
            Ok(edits::add_roles(text, person, &roles).into_iter().collect())
        })?;
        self.message =
            format!("{} is now your {} (written to {})", changed.name, wording::listed(&changed.after), changed.file);
        self.chosen.push((changed.name, changed.after));
        let analysis = read_network(&self.path, self.today)?;
        self.suggestions = Suggestions::new(&analysis, self.today, CANDIDATES, None, None);
        self.catalog = analysis.catalog;
        self.at += 1;
        self.picked.clear();
        Ok(())
    }

    /// The screen's lines for a terminal `width` columns wide, top to bottom.
    fn screen(&self, width: usize) -> Vec<Line> {
        let gaps = &self.suggestions.gaps;
        let mut lines = Vec::new();
        let over = if gaps.key_people > gaps.limit { " — over the limit" } else { "" };
        lines.push(vec![
            (Tone::Bold, "kith choose".to_string()),
            (Tone::Plain, format!(" — {}", self.name)),
            (Tone::Accent, format!("   key people {} of {}{over}", gaps.key_people, gaps.limit)),
        ]);
        lines.push(vec![(Tone::Dim, empty_pillars_line(&self.suggestions))]);
        lines.push(Vec::new());
        match self.current() {
            Some(candidate) => {
                lines.push(vec![
                    (Tone::Dim, format!("Candidate {} of {}: ", self.at + 1, self.candidates.len())),
                    (Tone::Bold, format!("{} ({})", candidate.name, candidate.id)),
                    (Tone::Dim, format!("  score {}", candidate.score)),
                ]);
                for reason in &candidate.reasons {
                    for (index, piece) in wrap(reason, width.saturating_sub(4)).into_iter().enumerate() {
                        let bullet = if index == 0 { "  - " } else { "    " };
                        lines.push(vec![(Tone::Plain, format!("{bullet}{piece}"))]);
                    }
                }
                if let Some((_, roles)) = self.chosen.iter().rev().find(|(name, _)| *name == candidate.name) {
                    lines.push(vec![(Tone::Accent, format!("  now your {}", wording::listed(roles)))]);
                }
            }
            None => {
                lines.push(vec![(Tone::Bold, "No more candidates.".to_string())]);
                lines.push(vec![(
                    Tone::Plain,
                    format!("You chose {} this time. Press q to finish, p to go back.", self.chosen.len()),
                )]);
            }
        }
        let mut bottom: Vec<Line> =
            vec![Vec::new(), vec![(Tone::Bold, "Give roles (their keys, then Enter):".to_string())]];
        for pillar in &self.catalog.pillars {
            let empty = gaps.empty_pillars.iter().any(|(id, _)| *id == pillar.id);
            let mut spans = vec![(if empty { Tone::Accent } else { Tone::Dim }, format!("  {:<13}", pillar.id))];
            for role in self.catalog.roles_in(&pillar.id) {
                let index = self.catalog.roles.iter().position(|known| known.id == role.id);
                let Some(key) = index.and_then(|index| ROLE_KEYS.chars().nth(index)) else { continue };
                let picked = self.picked.contains(&role.id);
                let label = format!("{key} {}{} ", role.id, if picked { "*" } else { "" });
                spans.push((if picked { Tone::Accent } else { Tone::Plain }, label));
            }
            bottom.push(spans);
        }
        bottom.push(Vec::new());
        bottom.push(vec![(Tone::Plain, self.message.clone())]);
        bottom.push(vec![(Tone::Dim, "Enter give the marked roles · n next · p back · q quit".to_string())]);
        lines.push(Vec::new());
        lines.extend(bottom);
        lines
    }

    /// What the session did, printed after the screen is gone.
    fn summary(&self) -> Vec<String> {
        let gaps = &self.suggestions.gaps;
        let mut lines: Vec<String> =
            self.chosen.iter().map(|(name, roles)| format!("{name} is now your {}", wording::listed(roles))).collect();
        lines.push(format!("{} key people of {} in {}", gaps.key_people, gaps.limit, self.name));
        lines
    }
}

/// How a piece of the screen looks: plain, or bold, dim or accented (when colour is allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Plain,
    Bold,
    Dim,
    Accent,
}

/// One line of the screen: its pieces and how each looks.
type Line = Vec<(Tone, String)>;

/// Draws `lines` from the top of the screen, each cut to the terminal's width; the lines in
/// the middle give way when the screen is shorter than them all (the last lines, the keys,
/// always show).
fn draw(out: &mut impl Write, lines: &[Line], height: usize, plain: bool) -> std::io::Result<()> {
    let width = terminal::size().map_or(80, |(width, _)| width as usize);
    let shown: Vec<&Line> = if lines.len() > height {
        let keep_bottom = lines.len().min(height / 2);
        let top = height - keep_bottom;
        lines[..top].iter().chain(&lines[lines.len() - keep_bottom..]).collect()
    } else {
        lines.iter().collect()
    };
    queue!(out, terminal::Clear(ClearType::All))?;
    for (row, line) in shown.iter().enumerate() {
        queue!(out, cursor::MoveTo(0, row as u16))?;
        let mut room = width;
        for (tone, text) in line.iter() {
            let piece: String = text.chars().take(room).collect();
            room -= piece.chars().count();
            if !plain {
                match tone {
                    Tone::Plain => {}
                    Tone::Bold => queue!(out, SetAttribute(Attribute::Bold))?,
                    Tone::Dim => queue!(out, SetForegroundColor(Color::DarkGrey))?,
                    Tone::Accent => queue!(out, SetForegroundColor(Color::Cyan), SetAttribute(Attribute::Bold))?,
                }
            }
            queue!(out, Print(piece))?;
            if !plain && *tone != Tone::Plain {
                queue!(out, SetAttribute(Attribute::Reset), ResetColor)?;
            }
        }
    }
    out.flush()
}

/// `text` cut into lines of at most `width` characters, at spaces where it can be.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(20);
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let current = lines.last_mut().map_or(0, |line| line.chars().count());
        if current > 0 && current + 1 + word.chars().count() > width {
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// The terminal in raw mode on its alternate screen, restored when dropped — after a
/// panic too.
struct Terminal;

impl Terminal {
    fn enter() -> std::io::Result<Terminal> {
        terminal::enable_raw_mode()?;
        let terminal = Terminal;
        execute!(std::io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
        Ok(terminal)
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), terminal::LeaveAlternateScreen, cursor::Show);
        let _ = terminal::disable_raw_mode();
    }
}

fn empty_pillars_line(suggestions: &Suggestions) -> String {
    let empty: Vec<&str> = suggestions.gaps.empty_pillars.iter().map(|(pillar, _)| pillar.as_str()).collect();
    if empty.is_empty() {
        "Every pillar has a key person.".to_string()
    } else {
        format!("Still empty: {}", empty.join(", "))
    }
}

fn read_network(path: &Path, today: Date) -> Result<kith_core::Analysis, String> {
    let text = read(&Source::File(path.to_path_buf()))?;
    Ok(kith_core::check(&text, today))
}
