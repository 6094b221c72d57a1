//! LinkedIn's `Invitations.csv` (`From,To,Sent At,Message,Direction,inviterProfileUrl,
//! inviteeProfileUrl`): the invitations sent and received, some with a message. A message
//! is how that connection began: it becomes the story of their `met` line.

use super::super::table::Table;
use super::super::{Malformed, ReadError};
use super::Stories;
use kith_core::values::url_identity;

/// What `Invitations.csv` gives: the stories by profile, and the rows that could not be read.
pub(super) struct Invitations {
    pub stories: Stories,
    pub malformed: Vec<Malformed>,
}

/// Reads `text`, the `Invitations.csv` named `file` in its archive. The connection of an
/// outgoing invitation is its invitee, of an incoming one its inviter (of one without a
/// direction, whichever matches); the first message in the file for a profile counts.
pub(super) fn read(text: &str, file: &str) -> Result<Invitations, ReadError> {
    let mut invitations = Invitations { stories: Stories::new(), malformed: Vec::new() };
    if text.trim().is_empty() {
        return Ok(invitations);
    }
    let is_header = |cells: &[String]| {
        ["Message", "Direction", "inviterProfileUrl"]
            .iter()
            .all(|name| cells.iter().any(|cell| cell.eq_ignore_ascii_case(name)))
    };
    let table = Table::open(
        text,
        is_header,
        "LinkedIn invitations",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
    )?;
    let column = |name: &str| table.column_in_any_case(name);
    let (message, direction) = (column("Message"), column("Direction"));
    let (inviter, invitee) = (column("inviterProfileUrl"), column("inviteeProfileUrl"));
    for row in table {
        let (_, record) = match row {
            Ok(row) => row,
            Err(malformed) => {
                invitations.malformed.push(malformed.in_file(file));
                continue;
            }
        };
        let cell = |index: Option<usize>| index.and_then(|index| record.get(index)).unwrap_or_default().trim();
        let text = cell(message).split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            continue;
        }
        let profiles = match cell(direction).to_ascii_uppercase().as_str() {
            "OUTGOING" => vec![cell(invitee)],
            "INCOMING" => vec![cell(inviter)],
            _ => vec![cell(invitee), cell(inviter)],
        };
        for profile in profiles.into_iter().filter(|profile| !profile.is_empty()) {
            invitations.stories.entry(url_identity(profile)).or_insert_with(|| text.clone());
        }
    }
    Ok(invitations)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";

    #[test]
    fn messages_are_stories_of_the_other_side_of_each_invitation() {
        let text = format!(
            "{HEADER}Ada Lovelace,Grace Hopper,\"4/5/26, 2:31 PM\",\"Loved your talk\non compilers\",OUTGOING,https://www.linkedin.com/in/ada,https://www.linkedin.com/in/grace\n\
             Alan Turing,Ada Lovelace,\"4/6/26, 9:00 AM\",Hello from Bletchley,INCOMING,https://www.linkedin.com/in/alan,https://www.linkedin.com/in/ada\n\
             Ada Lovelace,Charles Babbage,\"4/7/26, 9:00 AM\",,OUTGOING,https://www.linkedin.com/in/ada,https://www.linkedin.com/in/charles\n\
             Ada Lovelace,Grace Hopper,\"4/1/26, 2:31 PM\",An older try,OUTGOING,https://www.linkedin.com/in/ada,https://www.linkedin.com/in/grace\n\
             broken,row\n"
        );
        let invitations = read(&text, "Invitations.csv").expect("an invitations header");
        let story = |url: &str| invitations.stories.get(&url_identity(url)).map(String::as_str);
        assert_eq!(story("https://www.linkedin.com/in/grace"), Some("Loved your talk on compilers"));
        assert_eq!(story("https://www.linkedin.com/in/alan"), Some("Hello from Bletchley"));
        assert_eq!(story("https://www.linkedin.com/in/charles"), None);
        assert_eq!(story("https://www.linkedin.com/in/ada"), None, "the owner's own profile gets no story");
        assert_eq!(
            invitations.malformed,
            [Malformed::new(7, "2 fields where the header has 7 (an unquoted comma?)").in_file("Invitations.csv")]
        );
    }

    #[test]
    fn an_empty_file_has_no_invitations() {
        let invitations = read("", "Invitations.csv").expect("nothing to read");
        assert!(invitations.stories.is_empty() && invitations.malformed.is_empty());
        assert!(read("a,b\n", "Invitations.csv").is_err());
    }
}
