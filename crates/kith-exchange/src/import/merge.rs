//! One identity per person: a [`Merge`] matches every contact and every participant of an
//! interaction that imports read against the network and against each other — by email
//! (ignoring case), profile URL (`kith_core::values::url_identity`), phone (its digits),
//! and by display name only when nothing tells the two apart — and writes what is new:
//! new people appended after the file, new emails and URLs and new interactions inserted in
//! the blocks of people already there (interactions in date order), the rest of the file
//! byte for byte. Importing the same records again changes nothing.

use super::{Contact, Exchange, Item, Malformed, Party, Record, Skip};
use jiff::civil::Date;
use kith_core::edits;
use kith_core::evidence::exchange_note;
use kith_core::model::{Birthday, FieldValue, Network, Person};
use kith_core::values::{check_email, is_writable_date, normalize_id, quote_string, url_identity, word_literal};
use kith_core::vocabulary::FieldName;
use kith_core::TextEdit;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

/// How many people who are not in the network the summary names.
const STRANGERS_SHOWN: usize = 10;
/// The fewest digits a phone number needs to identify someone.
const PHONE_DIGITS: usize = 7;

/// Choices of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// A meeting with more attendees than this (the owner included) is not a meaningful
    /// interaction with each of them: it is left out.
    pub max_attendees: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self { max_attendees: 6 }
    }
}

/// Who the owner of the exports is: from `set me`, or worked out from the interactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// Their addresses and profiles.
    pub identities: Vec<String>,
    /// True when no `set me` said so and the merge took the participant of most
    /// interactions for the owner.
    pub assumed: bool,
    /// In how many of the interactions read the owner took part, of how many.
    pub seen_in: (usize, usize),
}

/// What a merge did, for the summary a command prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// New people, appended after the file.
    pub people_added: usize,
    /// People already there who got new email addresses or URLs.
    pub people_enriched: usize,
    /// Contacts who matched someone already there or earlier in the import (and gave them
    /// any address, profile or phone they lacked).
    pub already_present: usize,
    pub interactions_added: usize,
    /// How many people the new interactions are with.
    pub interactions_people: usize,
    /// Days already logged with that person and kind, not logged again.
    pub already_logged: usize,
    /// Records left out on purpose, by reason, in the order first met.
    pub skipped: Vec<(&'static str, usize)>,
    pub malformed: Vec<Malformed>,
    pub owner: Option<Owner>,
    /// The addresses and profiles of the people you interact with most who are not in the
    /// network, with how many interactions, most first (ten at most).
    pub strangers: Vec<(String, usize)>,
}

/// The outcome: the network's new text and what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub summary: Summary,
}

/// A person of the merge: one of the network's, one new in this import, or one who lives
/// in another file of the network ([`Merge::with_people_elsewhere`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Target {
    Existing(usize),
    New(usize),
    Elsewhere(usize),
}

/// What tells a person apart: their addresses, profiles and phones, normalised.
#[derive(Debug, Clone, Default)]
struct Identity {
    emails: HashSet<String>,
    profiles: HashSet<String>,
    phones: HashSet<String>,
}

impl Identity {
    fn of_contact(contact: &Contact) -> Self {
        Self {
            emails: contact.emails.iter().map(|email| email.to_lowercase()).collect(),
            profiles: contact.urls.iter().map(|url| url_identity(url)).collect(),
            phones: contact.phones.iter().filter_map(|phone| phone_key(phone)).collect(),
        }
    }

    fn of_person(person: &Person) -> Self {
        let phones = person.fields_named(FieldName::Phone).filter_map(|value| match value {
            FieldValue::Phone(Some(text)) => phone_key(&text.value),
            _ => None,
        });
        Self {
            emails: person.emails().map(|(email, _)| email.to_lowercase()).collect(),
            profiles: person.urls().map(|(url, _)| url_identity(url)).collect(),
            phones: phones.collect(),
        }
    }

    /// Known to be someone else: both have addresses (or profiles, or phones) of one kind
    /// and share none of them.
    fn told_apart(&self, other: &Identity) -> bool {
        let apart =
            |one: &HashSet<String>, two: &HashSet<String>| !one.is_empty() && !two.is_empty() && one.is_disjoint(two);
        apart(&self.emails, &other.emails)
            || apart(&self.profiles, &other.profiles)
            || apart(&self.phones, &other.phones)
    }

    fn extend(&mut self, other: Identity) {
        self.emails.extend(other.emails);
        self.profiles.extend(other.profiles);
        self.phones.extend(other.phones);
    }
}

/// The digits of a phone number, when there are enough of them to identify someone.
fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= PHONE_DIGITS).then_some(digits)
}

fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The identity keys of one participant: `email:…`, `profile:…`.
fn party_keys(party: &Party) -> Vec<String> {
    let email = party.email.as_deref().map(|email| format!("email:{}", email.to_lowercase()));
    let profile = party.profile.as_deref().map(|url| format!("profile:{}", url_identity(url)));
    email.into_iter().chain(profile).collect()
}

/// How a participant is named in the summary: their address, else their profile.
fn party_label(party: &Party) -> Option<String> {
    let label = party.email.clone().or_else(|| party.profile.clone())?;
    Some(match &party.name {
        Some(name) if !name.trim().is_empty() => format!("{} <{label}>", name.trim()),
        _ => label,
    })
}

/// A new person: the contact and everything later records added to it.
struct NewPerson {
    id: String,
    contact: Contact,
}

/// The interactions of one person on one day of one kind.
#[derive(Default)]
struct Day {
    count: usize,
    /// Of `count`, how many the owner sent (`None` when the source says nobody sent any:
    /// meetings).
    from_owner: Option<usize>,
    summary: String,
}

/// Matches records against a network and each other, then renders the changes.
pub struct Merge<'t> {
    text: &'t str,
    network: Network,
    today: Date,
    options: Options,
    identities: HashMap<Target, Identity>,
    by_key: HashMap<String, Target>,
    by_name: HashMap<String, Vec<Target>>,
    ids: HashSet<String>,
    new_people: Vec<NewPerson>,
    /// New emails and URLs of people already there.
    additions: BTreeMap<usize, (Vec<String>, Vec<String>)>,
    owner_keys: HashSet<String>,
    exchanges: Vec<Exchange>,
    summary: Summary,
}

impl<'t> Merge<'t> {
    /// A merge into `text`, the network's file (empty for a new one), as of `today`: a
    /// `met` date after today is kept as a note, and interactions after today are not
    /// logged.
    pub fn new(text: &'t str, today: Date, options: Options) -> Self {
        let network = kith_core::check(text, today).network;
        let mut merge = Self {
            text,
            network,
            today,
            options,
            identities: HashMap::new(),
            by_key: HashMap::new(),
            by_name: HashMap::new(),
            ids: HashSet::new(),
            new_people: Vec::new(),
            additions: BTreeMap::new(),
            owner_keys: HashSet::new(),
            exchanges: Vec::new(),
            summary: Summary::default(),
        };
        for address in merge.network.settings.me.iter().filter_map(|address| address.value.as_deref()) {
            let key = if check_email(address).is_ok() {
                format!("email:{}", address.to_lowercase())
            } else {
                format!("profile:{}", url_identity(address))
            };
            merge.owner_keys.insert(key);
        }
        for index in 0..merge.network.people.len() {
            let person = &merge.network.people[index];
            if let Some(id) = &person.id {
                merge.ids.insert(id.name.clone());
                merge.ids.insert(id.word.text.clone());
            }
            let identity = Identity::of_person(person);
            let name = person.name.as_ref().map(|name| name_key(&name.value));
            merge.remember(Target::Existing(index), identity, name);
        }
        merge
    }

    /// The people of the network's other files (`include`): a record that is one of them
    /// is already present — nothing is added to this file for them — and no new person gets
    /// one of their ids.
    pub fn with_people_elsewhere<'p>(mut self, people: impl IntoIterator<Item = &'p Person>) -> Self {
        for (index, person) in people.into_iter().enumerate() {
            if let Some(id) = &person.id {
                self.ids.insert(id.name.clone());
                self.ids.insert(id.word.text.clone());
            }
            let name = person.name.as_ref().map(|name| name_key(&name.value));
            self.remember(Target::Elsewhere(index), Identity::of_person(person), name);
        }
        self
    }

    /// Takes one record in.
    pub fn add(&mut self, record: Record) {
        match record {
            Ok(Item::Contact(contact)) => self.add_contact(contact),
            Ok(Item::Exchange(exchange)) => self.exchanges.push(exchange),
            Ok(Item::Skipped(Skip { reason, .. })) => self.skip(reason),
            Err(malformed) => self.summary.malformed.push(malformed),
        }
    }

    fn skip(&mut self, reason: &'static str) {
        match self.summary.skipped.iter_mut().find(|(known, _)| *known == reason) {
            Some((_, count)) => *count += 1,
            None => self.summary.skipped.push((reason, 1)),
        }
    }

    fn remember(&mut self, target: Target, identity: Identity, name: Option<String>) {
        for email in &identity.emails {
            self.by_key.entry(format!("email:{email}")).or_insert(target);
        }
        for profile in &identity.profiles {
            self.by_key.entry(format!("profile:{profile}")).or_insert(target);
        }
        for phone in &identity.phones {
            self.by_key.entry(format!("phone:{phone}")).or_insert(target);
        }
        if let Some(name) = name.filter(|name| !name.is_empty()) {
            let named = self.by_name.entry(name).or_default();
            if !named.contains(&target) {
                named.push(target);
            }
        }
        self.identities.entry(target).or_default().extend(identity);
    }

    fn identity(&self, target: Target) -> Option<&Identity> {
        self.identities.get(&target)
    }

    /// The person `identity` (with display name `name`) is: by address, profile or phone,
    /// else by name when nothing tells them apart.
    fn find(&self, identity: &Identity, name: &str) -> Option<Target> {
        let keys = identity
            .emails
            .iter()
            .map(|email| format!("email:{email}"))
            .chain(identity.profiles.iter().map(|profile| format!("profile:{profile}")))
            .chain(identity.phones.iter().map(|phone| format!("phone:{phone}")));
        for key in keys {
            if let Some(&target) = self.by_key.get(&key) {
                return Some(target);
            }
        }
        let candidates = self.by_name.get(&name_key(name))?;
        candidates
            .iter()
            .copied()
            .find(|&candidate| self.identity(candidate).is_none_or(|known| !known.told_apart(identity)))
    }

    fn is_owner(&self, identity: &Identity) -> bool {
        identity.emails.iter().any(|email| self.owner_keys.contains(&format!("email:{email}")))
            || identity.profiles.iter().any(|profile| self.owner_keys.contains(&format!("profile:{profile}")))
    }

    fn add_contact(&mut self, mut contact: Contact) {
        let identity = Identity::of_contact(&contact);
        if self.is_owner(&identity) {
            self.skip("contacts that are you (`set me`)");
            return;
        }
        let target = self.find(&identity, &contact.name);
        self.drop_others_keys(&mut contact, target);
        let identity = Identity::of_contact(&contact);
        match target {
            Some(Target::Elsewhere(_)) => self.summary.already_present += 1,
            Some(Target::Existing(index)) => self.enrich(index, &contact, identity),
            Some(Target::New(index)) => {
                absorb(&mut self.new_people[index].contact, contact);
                self.summary.already_present += 1;
                let name = Some(name_key(&self.new_people[index].contact.name));
                self.remember(Target::New(index), identity, name);
            }
            None => {
                let unwritable = |date: &Date| *date > self.today || !is_writable_date(*date);
                if let Some((date, story)) = contact.met.take_if(|(date, _)| unwritable(date)) {
                    contact.add_note(format!("{story} on {date}"));
                }
                if let Some(Birthday::Date(date)) = contact
                    .birthday
                    .take_if(|birthday| matches!(birthday, Birthday::Date(date) if !is_writable_date(*date)))
                {
                    contact.add_note(format!("Birthday as exported: {date}"));
                }
                let id = self.unique_id(&contact);
                self.ids.insert(id.clone());
                let index = self.new_people.len();
                let name = Some(name_key(&contact.name));
                self.new_people.push(NewPerson { id, contact });
                self.remember(Target::New(index), identity, name);
                self.summary.people_added += 1;
            }
        }
    }

    /// Leaves out of `contact` the addresses, profiles and phones that already belong to
    /// someone other than `target` (the person it was found to be; `None`: someone new).
    /// One identity per key: a record that names two people's addresses goes to the one
    /// it was found to be, without taking the other's, so importing the same records again
    /// finds each one where the first import put it.
    fn drop_others_keys(&self, contact: &mut Contact, target: Option<Target>) {
        let others = |key: String| self.by_key.get(&key).is_some_and(|owner| Some(*owner) != target);
        contact.emails.retain(|email| !others(format!("email:{}", email.to_lowercase())));
        contact.urls.retain(|url| !others(format!("profile:{}", url_identity(url))));
        contact.phones.retain(|phone| phone_key(phone).is_none_or(|key| !others(format!("phone:{key}"))));
    }

    /// New emails and URLs of `contact` for the network's person `index`.
    fn enrich(&mut self, index: usize, contact: &Contact, identity: Identity) {
        let known = self.identity(Target::Existing(index)).cloned().unwrap_or_default();
        let (emails, urls) = self.additions.entry(index).or_default();
        let new_emails: Vec<String> =
            contact.emails.iter().filter(|email| !known.emails.contains(&email.to_lowercase())).cloned().collect();
        let new_urls: Vec<String> =
            contact.urls.iter().filter(|url| !known.profiles.contains(&url_identity(url))).cloned().collect();
        let enriched_before = !emails.is_empty() || !urls.is_empty();
        emails.extend(new_emails);
        urls.extend(new_urls);
        let enriched_now = !emails.is_empty() || !urls.is_empty();
        if enriched_now && !enriched_before {
            self.summary.people_enriched += 1;
        }
        self.summary.already_present += 1;
        let name = self.network.people[index].name.as_ref().map(|name| name_key(&name.value));
        self.remember(Target::Existing(index), identity, name);
    }

    /// The id for a new contact: its name in lower-case ASCII (`Zoë Núñez` → `zoe-nunez`),
    /// else its first email's local part, else `person`. A namesake gets the first word of
    /// their organisation added (`ana-lopez-hooli`), then `-2`, `-3`… until it is free.
    fn unique_id(&self, contact: &Contact) -> String {
        let base = normalize_id(&contact.name)
            .or_else(|| contact.emails.first().and_then(|address| address.split('@').next()).and_then(normalize_id))
            .unwrap_or_else(|| "person".to_string());
        let org_word = contact.org.as_deref().and_then(normalize_id);
        let with_org = org_word.as_deref().and_then(|org| org.split('-').next()).map(|org| format!("{base}-{org}"));
        let free = |id: &String| !self.ids.contains(id);
        if free(&base) {
            return base;
        }
        if let Some(id) = with_org.filter(free) {
            return id;
        }
        (2..).map(|counter| format!("{base}-{counter}")).find(free).unwrap_or(base)
    }

    /// The owner's keys: `set me`'s, and, when those take part in fewer than half of the
    /// interactions read (an export of an account `set me` does not name yet), the
    /// participant of most of the others when they took part in at least half of them (and
    /// in two at least).
    fn settle_owner(&mut self) {
        let total = self.exchanges.len();
        let named: Vec<String> = self.network.settings.me.iter().filter_map(|address| address.value.clone()).collect();
        let seen = self.exchanges.iter().filter(|exchange| self.takes_part(exchange, &self.owner_keys)).count();
        if total == 0 || (!self.owner_keys.is_empty() && seen * 2 >= total) {
            if total > 0 {
                self.summary.owner = Some(Owner { identities: named, assumed: false, seen_in: (seen, total) });
            }
            return;
        }
        let Some((key, label)) = self.most_frequent_participant() else {
            if !self.owner_keys.is_empty() {
                self.summary.owner = Some(Owner { identities: named, assumed: false, seen_in: (seen, total) });
            }
            return;
        };
        self.owner_keys.insert(key);
        let seen = self.exchanges.iter().filter(|exchange| self.takes_part(exchange, &self.owner_keys)).count();
        let identities = named.into_iter().chain([label]).collect();
        self.summary.owner = Some(Owner { identities, assumed: true, seen_in: (seen, total) });
    }

    /// The key and label of whoever, not yet known as the owner, takes part in most of the
    /// interactions the owner's known keys do not: at least half of those and two at least.
    /// Of several seen as often, someone not in the network (the owner seldom is); when that
    /// still leaves a tie, nobody: better no owner than the wrong one.
    fn most_frequent_participant(&self) -> Option<(String, String)> {
        let rest: Vec<&Exchange> =
            self.exchanges.iter().filter(|exchange| !self.takes_part(exchange, &self.owner_keys)).collect();
        let mut counts: HashMap<String, (usize, String)> = HashMap::new();
        for exchange in &rest {
            let mut seen_here = HashSet::new();
            for party in exchange.from.iter().chain(&exchange.to) {
                for key in party_keys(party) {
                    if seen_here.insert(key.clone()) {
                        let label = party.email.clone().or_else(|| party.profile.clone()).unwrap_or_default();
                        counts.entry(key).or_insert((0, label)).0 += 1;
                    }
                }
            }
        }
        let most = counts.values().map(|(seen, _)| *seen).max().unwrap_or_default();
        let mut candidates: Vec<(String, String)> =
            counts.into_iter().filter(|(_, (seen, _))| *seen == most).map(|(key, (_, label))| (key, label)).collect();
        if candidates.len() > 1 {
            candidates.retain(|(key, _)| !self.by_key.contains_key(key));
        }
        match candidates.as_slice() {
            [only] if most >= 2 && most * 2 >= rest.len() => Some(only.clone()),
            _ => None,
        }
    }

    fn takes_part(&self, exchange: &Exchange, keys: &HashSet<String>) -> bool {
        exchange.from.iter().chain(&exchange.to).any(|party| party_keys(party).iter().any(|key| keys.contains(key)))
    }

    fn is_owner_party(&self, party: &Party) -> bool {
        party_keys(party).iter().any(|key| self.owner_keys.contains(key))
    }

    /// The person a participant is, by address or profile (a participant known only by
    /// name is never guessed).
    fn find_party(&self, party: &Party) -> Option<Target> {
        party_keys(party).iter().find_map(|key| self.by_key.get(key).copied())
    }

    /// Gathers the interactions by person, day and kind.
    fn gather(&mut self) -> BTreeMap<(Target, Date, &'static str), Day> {
        let exchanges = std::mem::take(&mut self.exchanges);
        let mut days: BTreeMap<(Target, Date, &'static str), Day> = BTreeMap::new();
        let mut strangers: HashMap<String, usize> = HashMap::new();
        for exchange in &exchanges {
            if exchange.date > self.today {
                self.skip("interactions dated after today");
                continue;
            }
            if !is_writable_date(exchange.date) {
                self.skip("interactions dated before year 1");
                continue;
            }
            let parties: Vec<&Party> = exchange.from.iter().chain(&exchange.to).collect();
            if parties.iter().any(|party| party.declined && self.is_owner_party(party)) {
                self.skip("events you declined");
                continue;
            }
            let meeting = matches!(exchange.kind, "meet" | "video" | "call");
            let attending = parties.iter().filter(|party| !party.declined).count();
            if meeting && attending > self.options.max_attendees {
                self.skip("large meetings");
                continue;
            }
            let from_owner = exchange.from.as_ref().is_some_and(|party| self.is_owner_party(party));
            let mut targets = HashSet::new();
            for party in parties {
                if party.declined || self.is_owner_party(party) {
                    continue;
                }
                match self.find_party(party) {
                    Some(target) => {
                        // Someone listed twice in one exchange is met once.
                        if targets.insert(target) {
                            let day = days.entry((target, exchange.date, exchange.kind)).or_default();
                            day.count += 1;
                            if !meeting {
                                *day.from_owner.get_or_insert(0) += usize::from(from_owner);
                            }
                            if day.summary.is_empty() {
                                day.summary = exchange.summary.clone();
                            }
                        }
                    }
                    None => {
                        if let Some(label) = party_label(party) {
                            *strangers.entry(label).or_default() += 1;
                        }
                    }
                }
            }
        }
        let mut strangers: Vec<(String, usize)> = strangers.into_iter().collect();
        strangers.sort_by(|(a, count_a), (b, count_b)| count_b.cmp(count_a).then(a.cmp(b)));
        strangers.truncate(STRANGERS_SHOWN);
        self.summary.strangers = strangers;
        days
    }

    /// The network's new text, and what changed.
    pub fn finish(mut self) -> Merged {
        self.settle_owner();
        let days = self.gather();
        let mut logged: BTreeMap<Target, Vec<(Date, String)>> = BTreeMap::new();
        for ((target, date, kind), day) in days {
            let already = match target {
                Target::Existing(index) => self.network.people[index].interactions.iter().any(|interaction| {
                    interaction.date.value == Some(date)
                        && interaction.kind.as_ref().is_some_and(|word| word.name.text.trim_end_matches('!') == kind)
                }),
                Target::New(_) => false,
                Target::Elsewhere(_) => {
                    self.skip("interactions with people in another file of the network");
                    continue;
                }
            };
            if already {
                self.summary.already_logged += 1;
                continue;
            }
            logged.entry(target).or_default().push((date, entry(kind, &day)));
        }
        self.summary.interactions_added = logged.values().map(Vec::len).sum();
        self.summary.interactions_people = logged.len();

        let mut changes: Vec<(usize, usize, TextEdit)> = Vec::new();
        for (&index, (emails, urls)) in &self.additions {
            let person = &self.network.people[index];
            for email in emails {
                changes.push((
                    0,
                    changes.len(),
                    edits::add_field(self.text, person, FieldName::Email, &word_literal(email)),
                ));
            }
            for url in urls {
                changes.push((
                    0,
                    changes.len(),
                    edits::add_field(self.text, person, FieldName::Url, &word_literal(url)),
                ));
            }
        }
        let mut new_logs: HashMap<usize, Vec<(Date, String)>> = HashMap::new();
        for (target, entries) in logged {
            match target {
                Target::Existing(index) => {
                    let person = &self.network.people[index];
                    for (date, entry) in entries {
                        changes.push((1, changes.len(), edits::log_interaction(self.text, person, date, &entry)));
                    }
                }
                Target::New(index) => {
                    new_logs.insert(index, entries);
                }
                Target::Elsewhere(_) => {}
            }
        }
        // Field lines before interactions where they meet; interactions in date order (their
        // order here) where several go after the same line.
        changes.sort_by_key(|(class, order, edit)| (edit.span.start, *class, *order));
        let mut text = String::with_capacity(self.text.len());
        let mut cursor = 0;
        for (_, _, edit) in &changes {
            text.push_str(&self.text[cursor..edit.span.start]);
            text.push_str(&edit.new_text);
            cursor = edit.span.end;
        }
        text.push_str(&self.text[cursor..]);

        let blocks: Vec<String> = self
            .new_people
            .iter()
            .enumerate()
            .map(|(index, person)| {
                render_person(&person.id, &person.contact, new_logs.get(&index).map_or(&[][..], Vec::as_slice))
            })
            .collect();
        Merged { text: append(&text, &blocks.join("\n")), summary: self.summary }
    }
}

/// Adds what `other` knows and `known` does not: addresses, phones and profiles, and any
/// field `known` lacks.
fn absorb(known: &mut Contact, other: Contact) {
    let Contact { name: _, org, title, location, emails, phones, urls, birthday, met, tags, notes, line: _ } = other;
    for (mine, theirs) in [(&mut known.org, org), (&mut known.title, title), (&mut known.location, location)] {
        if mine.is_none() {
            *mine = theirs;
        }
    }
    let lower: HashSet<String> = known.emails.iter().map(|email| email.to_lowercase()).collect();
    known.emails.extend(emails.into_iter().filter(|email| !lower.contains(&email.to_lowercase())));
    let profiles: HashSet<String> = known.urls.iter().map(|url| url_identity(url)).collect();
    known.urls.extend(urls.into_iter().filter(|url| !profiles.contains(&url_identity(url))));
    for (mine, theirs) in [(&mut known.phones, phones), (&mut known.tags, tags), (&mut known.notes, notes)] {
        for value in theirs {
            if !mine.contains(&value) {
                mine.push(value);
            }
        }
    }
    if known.birthday.is_none() {
        known.birthday = birthday;
    }
    if known.met.is_none() {
        known.met = met;
    }
}

/// A logged interaction: the kind and its note, in the words of
/// `kith_core::evidence::exchange_note` (which `kith suggest` reads back).
fn entry(kind: &str, day: &Day) -> String {
    let note = exchange_note(kind, day.count, day.from_owner, &day.summary);
    if note.is_empty() {
        kind.to_string()
    } else {
        format!("{kind} {}", quote_string(&note))
    }
}

/// A `person` block with the contact's fields in canonical order and `log` after them
/// (sorted by date), each line ending in `\n`.
fn render_person(id: &str, contact: &Contact, log: &[(Date, String)]) -> String {
    let mut block = format!("person {id} {}\n", quote_string(&contact.name));
    let mut line = |field: &str, value: &str| {
        let _ = writeln!(block, "  {field} {value}");
    };
    for (field, value) in [("org", &contact.org), ("title", &contact.title), ("location", &contact.location)] {
        if let Some(value) = value {
            line(field, &quote_string(value));
        }
    }
    for email in &contact.emails {
        line("email", &word_literal(email));
    }
    for phone in &contact.phones {
        line("phone", &quote_string(phone));
    }
    for url in &contact.urls {
        line("url", &word_literal(url));
    }
    match contact.birthday {
        Some(Birthday::Date(date)) => line("birthday", &date.to_string()),
        Some(Birthday::MonthDay(month_day)) => {
            line("birthday", &format!("--{:02}-{:02}", month_day.month, month_day.day));
        }
        None => {}
    }
    if let Some((date, story)) = &contact.met {
        line("met", &format!("{date} {}", quote_string(story)));
    }
    if !contact.tags.is_empty() {
        line("tags", &contact.tags.join(", "));
    }
    for note in &contact.notes {
        line("note", &quote_string(note));
    }
    let mut log = log.to_vec();
    log.sort_by_key(|(date, _)| *date);
    for (date, entry) in &log {
        let _ = writeln!(block, "  {date} {entry}");
    }
    block
}

/// `existing` with `addition` (LF text) appended after one blank line, in the existing
/// text's line-ending style; the existing text is kept byte for byte.
fn append(existing: &str, addition: &str) -> String {
    if addition.is_empty() {
        return existing.to_string();
    }
    let newline = kith_core::text::line_ending(existing);
    let mut text = existing.to_string();
    let content = kith_core::text::strip_bom(existing);
    if !content.trim().is_empty() {
        if !existing.ends_with('\n') {
            text.push_str(newline);
        }
        let without_break =
            text.strip_suffix('\n').map_or(text.as_str(), |rest| rest.strip_suffix('\r').unwrap_or(rest));
        let last_line = without_break.rsplit('\n').next().unwrap_or_default();
        if !last_line.trim().is_empty() {
            text.push_str(newline);
        }
    }
    text.push_str(&if newline == "\r\n" { addition.replace('\n', "\r\n") } else { addition.to_string() });
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{read, Format};
    use jiff::civil::date;
    use kith_core::Severity;

    const TODAY: Date = date(2026, 11, 25);

    fn contact(name: &str, email: Option<&str>) -> Contact {
        let mut contact = Contact::at(1);
        contact.name = name.to_string();
        if let Some(email) = email {
            contact.add_email(email);
        }
        contact
    }

    fn with_url(mut contact: Contact, url: &str) -> Contact {
        contact.add_url(url);
        contact
    }

    fn party(name: &str, email: &str) -> Party {
        Party { name: Some(name.to_string()), email: Some(email.to_string()), ..Party::default() }
    }

    fn exchange(date: Date, kind: &'static str, summary: &str, from: Party, to: Vec<Party>) -> Item {
        Item::Exchange(Exchange { line: 1, date, kind, summary: summary.to_string(), from: Some(from), to })
    }

    fn merged(existing: &str, items: impl IntoIterator<Item = Item>) -> Merged {
        let mut merge = Merge::new(existing, TODAY, Options::default());
        for item in items {
            merge.add(Ok(item));
        }
        merge.finish()
    }

    fn ids(text: &str) -> Vec<String> {
        kith_core::check(text, TODAY).network.people.iter().map(|person| person.id_name().to_string()).collect()
    }

    fn errors(text: &str) -> Vec<String> {
        let lints = kith_core::check(text, TODAY).lints;
        lints.iter().filter(|lint| lint.severity == Severity::Error).map(|lint| lint.message.clone()).collect()
    }

    const ME: &str = "me@example.org";

    #[test]
    fn ids_are_ascii_unique_and_never_clash_with_the_file() {
        let existing = "person ada-lovelace \"Ada L.\"\n  email al@example.org\nperson Zoe \"Someone else\"\n";
        let result = merged(
            existing,
            [
                contact("Ada Lovelace", Some("ada@example.org")),
                contact("Zoë", None),
                contact("José Núñez", None),
                contact("李雷", None),
                contact("!!!", Some("smile@example.org")),
                contact("???", None),
            ]
            .map(Item::Contact),
        );
        assert_eq!(
            ids(&result.text),
            ["ada-lovelace", "zoe", "ada-lovelace-2", "zoe-2", "jose-nunez", "li-lei", "smile", "person"]
        );
        assert_eq!(result.summary.people_added, 6);
    }

    #[test]
    fn the_same_person_by_email_profile_phone_or_name_is_one() {
        let existing = "person ada \"Ada Lovelace\"\n  email Ada@Example.org\n\nperson grace \"Grace Hopper\"\n  url https://www.linkedin.com/in/grace/\n  phone \"+1 (555) 010-2030\"\n";
        let mut phone = contact("G. H.", None);
        phone.add_phone("15550102030");
        let result = merged(
            existing,
            [
                contact("A. Lovelace", Some("ada@EXAMPLE.org")),
                contact("  ada lovelace ", None),
                with_url(contact("Grace", None), "http://linkedin.com/in/Grace"),
                phone,
                contact("Alan Turing", Some("alan@example.org")),
                contact("Alan M. Turing", Some("ALAN@example.org")),
            ]
            .map(Item::Contact),
        );
        assert_eq!(ids(&result.text), ["ada", "grace", "alan-turing"]);
        assert_eq!(result.summary.people_added, 1);
        assert_eq!(result.summary.already_present, 5);
        assert_eq!(result.summary.people_enriched, 0, "nothing new about Ada or Grace");
    }

    #[test]
    fn namesakes_told_apart_by_their_profiles_are_two_people_with_readable_ids() {
        let ana = |url: &str, org: &str| {
            let mut contact = with_url(contact("Ana López", None), url);
            contact.org = Some(org.to_string());
            Item::Contact(contact)
        };
        let result = merged(
            "",
            [
                ana("https://www.linkedin.com/in/ana-lopez", "Hooli"),
                ana("https://www.linkedin.com/in/ana-lopez-7b2", "Hooli"),
                ana("https://www.linkedin.com/in/ana-lopez-9c1", "Initech"),
                ana("https://linkedin.com/in/ana-lopez/", "Hooli"),
            ],
        );
        assert_eq!(ids(&result.text), ["ana-lopez", "ana-lopez-hooli", "ana-lopez-initech"]);
        assert_eq!(result.summary.people_added, 3);
        assert_eq!(result.summary.already_present, 1, "the first Ana's profile spelt another way");
        let lints = kith_core::check(&result.text, TODAY).lints;
        assert!(!lints.iter().any(|lint| lint.code == "duplicate-contact"), "{lints:#?}");
    }

    #[test]
    fn someone_already_there_gets_new_addresses_and_nothing_else() {
        let existing = "person ada \"Ada Lovelace\"\n  org \"Analytical Engines\"\n  met 2019-04-02 \"PyCon\"\n  2026-03-14 coffee \"Board offer\"\n";
        let mut newer = with_url(contact("Ada Lovelace", Some("ada@example.org")), "https://www.linkedin.com/in/ada");
        newer.org = Some("Somewhere Else".to_string());
        newer.met = Some((date(2024, 3, 12), "Connected on LinkedIn".into()));
        let result = merged(existing, [Item::Contact(newer.clone())]);
        assert_eq!(
            result.text,
            "person ada \"Ada Lovelace\"\n  org \"Analytical Engines\"\n  email ada@example.org\n  url https://www.linkedin.com/in/ada\n  met 2019-04-02 \"PyCon\"\n  2026-03-14 coffee \"Board offer\"\n"
        );
        assert_eq!(result.summary.people_enriched, 1);
        let again = merged(&result.text, [Item::Contact(newer)]);
        assert_eq!(again.text, result.text, "importing again changes nothing");
        assert_eq!(again.summary.people_enriched, 0);
    }

    /// Found by the fuzzer: a card with a new address and someone else's went to the new
    /// person with both, so a second import found that someone else first and gave them
    /// the new address too.
    #[test]
    fn an_address_of_someone_else_stays_theirs_and_a_second_import_changes_nothing() {
        let existing = "person grace \"Grace Hopper\"\n  email grace@example.com\n";
        let first = contact("12 Monkeys", Some("monkeys@example.com"));
        let mut second = contact("Rosa Delgado", Some("monkeys@example.com"));
        second.add_email("Grace@Example.com");
        let records = [Item::Contact(first), Item::Contact(second)];
        let once = merged(existing, records.clone());
        assert_eq!(
            once.text,
            "person grace \"Grace Hopper\"\n  email grace@example.com\n\nperson monkeys \"12 Monkeys\"\n  email monkeys@example.com\n"
        );
        let twice = merged(&once.text, records);
        assert_eq!(twice.text, once.text, "the second import finds each card where the first put it");
    }

    /// Found by the fuzzer: `%Y` reads `09 May -23` as the year -23, which no `DATE` holds.
    #[test]
    fn dates_kith_cannot_write_are_kept_as_notes_or_left_out() {
        let linkedin = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nLi,Lei,,li@example.org,,,09 May -23\n";
        let mut merge = Merge::new("", TODAY, Options::default());
        for record in read(Format::LinkedIn, linkedin).expect("an export") {
            merge.add(record);
        }
        merge.add(Ok(exchange(
            date(-3, 1, 1),
            "email",
            "ancient",
            party("Li", "li@example.org"),
            vec![party("Me", ME)],
        )));
        let merged = merge.finish();
        assert_eq!(
            merged.text,
            "person li-lei \"Li Lei\"\n  email li@example.org\n  note \"Connected on LinkedIn on 09 May -23\"\n"
        );
        assert_eq!(merged.summary.skipped, [("interactions dated before year 1", 1)]);
        assert!(errors(&merged.text).is_empty());
    }

    #[test]
    fn a_met_date_after_today_is_kept_as_a_note() {
        let mut future = contact("Ada", None);
        future.met = Some((date(2026, 12, 1), "Connected on LinkedIn".into()));
        let mut past = contact("Grace", None);
        past.met = Some((TODAY, "Connected on LinkedIn".into()));
        let result = merged("", [Item::Contact(future), Item::Contact(past)]);
        assert_eq!(
            result.text,
            "person ada \"Ada\"\n  note \"Connected on LinkedIn on 2026-12-01\"\n\nperson grace \"Grace\"\n  met 2026-11-25 \"Connected on LinkedIn\"\n"
        );
    }

    #[test]
    fn interactions_land_in_date_order_one_line_per_person_day_and_kind() {
        let existing = "set me me@example.org\n\nperson ada \"Ada\"\n  email ada@example.org\n  met 2019-04-02\n  2026-03-01 coffee \"Board offer\"\n  2026-05-01 call \"Follow-up\" # a comment\n\nperson grace \"Grace\"\n  email grace@example.org\n";
        let me = party("Me", ME);
        let ada = party("Ada", "ADA@example.org");
        let items = [
            exchange(date(2026, 4, 2), "email", "Draft", me.clone(), vec![ada.clone()]),
            exchange(date(2026, 4, 2), "email", "Re: Draft", ada.clone(), vec![me.clone()]),
            exchange(date(2026, 2, 1), "email", "Hello", ada.clone(), vec![me.clone()]),
            exchange(date(2026, 6, 1), "meet", "Lunch", me.clone(), vec![ada, party("Grace", "grace@example.org")]),
            exchange(date(2026, 6, 2), "email", "", party("Bob", "bob@example.org"), vec![me]),
        ];
        let result = merged(existing, items.clone());
        assert_eq!(
            result.text,
            "set me me@example.org\n\nperson ada \"Ada\"\n  email ada@example.org\n  met 2019-04-02\n  2026-02-01 email \"they wrote: Hello\"\n  2026-03-01 coffee \"Board offer\"\n  2026-04-02 email \"2 emails, 1 from you: Draft\"\n  2026-05-01 call \"Follow-up\" # a comment\n  2026-06-01 meet \"Lunch\"\n\nperson grace \"Grace\"\n  email grace@example.org\n  2026-06-01 meet \"Lunch\"\n"
        );
        let summary = &result.summary;
        assert_eq!((summary.interactions_added, summary.interactions_people), (4, 2));
        assert_eq!(summary.strangers, [("Bob <bob@example.org>".to_string(), 1)]);
        assert_eq!(summary.owner.as_ref().map(|owner| (owner.assumed, owner.seen_in)), Some((false, (5, 5))));
        assert!(errors(&result.text).is_empty(), "{:?}", errors(&result.text));
        let again = merged(&result.text, items);
        assert_eq!(again.text, result.text, "importing again changes nothing");
        assert_eq!(again.summary.already_logged, 4);
    }

    #[test]
    fn without_set_me_the_most_frequent_participant_is_the_owner() {
        let existing = "person ada \"Ada\"\n  email ada@example.org\n";
        let me = party("Me", ME);
        let ada = party("Ada", "ada@example.org");
        let result = merged(
            existing,
            [
                exchange(date(2026, 4, 2), "message", "Hi", me.clone(), vec![ada.clone()]),
                exchange(date(2026, 4, 3), "message", "Hi again", ada, vec![me.clone()]),
                exchange(date(2026, 4, 4), "message", "", me, vec![party("Bob", "bob@example.org")]),
            ],
        );
        let owner = result.summary.owner.expect("an owner");
        assert_eq!((owner.identities, owner.assumed, owner.seen_in), (vec![ME.to_string()], true, (3, 3)));
        assert!(
            result.text.contains("2026-04-02 message \"you wrote: Hi\"\n  2026-04-03 message \"they wrote: Hi again\""),
            "{}",
            result.text
        );
        assert_eq!(ids(&result.text), ["ada"], "the owner is never a person");
    }

    #[test]
    fn an_account_set_me_does_not_name_is_found_and_added_to_the_owner() {
        let existing = "set me me@example.org\n\nperson ada \"Ada\"\n  url https://www.linkedin.com/in/ada\n";
        let mine = Party {
            name: Some("Me".into()),
            profile: Some("https://www.linkedin.com/in/me".into()),
            ..Party::default()
        };
        let ada = Party {
            name: Some("Ada".into()),
            profile: Some("https://www.linkedin.com/in/ada".into()),
            ..Party::default()
        };
        let result = merged(
            existing,
            [
                exchange(date(2026, 4, 2), "message", "Hi", mine.clone(), vec![ada.clone()]),
                exchange(date(2026, 4, 3), "message", "Hi again", ada, vec![mine]),
            ],
        );
        let owner = result.summary.owner.expect("an owner");
        assert_eq!(
            (owner.identities, owner.assumed, owner.seen_in),
            (vec![ME.to_string(), "https://www.linkedin.com/in/me".to_string()], true, (2, 2))
        );
        assert!(result.text.contains("2026-04-02 message \"you wrote: Hi\""), "{}", result.text);
        assert!(result.summary.strangers.is_empty(), "the owner is no stranger: {:?}", result.summary.strangers);
    }

    #[test]
    fn the_owner_and_people_outside_the_network_never_become_people() {
        let existing = "set me me@example.org, https://www.linkedin.com/in/me\n";
        let me = with_url(contact("Me Myself", Some("ME@example.org")), "https://www.linkedin.com/in/me/");
        let result = merged(
            existing,
            [Item::Contact(me), exchange(TODAY, "email", "x", party("Ann", "ann@example.org"), vec![party("Me", ME)])],
        );
        assert_eq!(result.text, existing);
        assert_eq!(result.summary.skipped, [("contacts that are you (`set me`)", 1)]);
        assert_eq!(result.summary.strangers, [("Ann <ann@example.org>".to_string(), 1)]);
    }

    #[test]
    fn declined_large_and_future_meetings_are_left_out() {
        let existing = "set me me@example.org\nperson ada \"Ada\"\n  email ada@example.org\n";
        let me = party("Me", ME);
        let ada = party("Ada", "ada@example.org");
        let declined = |mut party: Party| {
            party.declined = true;
            party
        };
        let crowd: Vec<Party> = (0..6).map(|n| party("X", &format!("x{n}@example.org"))).chain([ada.clone()]).collect();
        let result = merged(
            existing,
            [
                exchange(date(2026, 5, 1), "meet", "I declined", ada.clone(), vec![declined(me.clone())]),
                exchange(date(2026, 5, 2), "meet", "She declined", me.clone(), vec![declined(ada.clone())]),
                exchange(date(2026, 5, 3), "video", "All hands", me.clone(), crowd),
                exchange(date(2026, 12, 1), "meet", "Next month", me.clone(), vec![ada.clone()]),
                exchange(date(2026, 5, 4), "video", "One to one", me, vec![ada]),
            ],
        );
        assert_eq!(result.text, format!("{existing}  2026-05-04 video \"One to one\"\n"));
        assert_eq!(
            result.summary.skipped,
            [("events you declined", 1), ("large meetings", 1), ("interactions dated after today", 1)]
        );
    }

    #[test]
    fn new_people_of_the_import_get_their_interactions_in_their_block() {
        let connection = with_url(contact("Ada Lovelace", None), "https://www.linkedin.com/in/ada");
        let message = |date, from: &str, to: &str| {
            let profile = |url: &str| Party { profile: Some(url.to_string()), ..Party::default() };
            exchange(date, "message", "hello", profile(from), vec![profile(to)])
        };
        let me = "https://www.linkedin.com/in/me";
        let ada = "https://linkedin.com/in/ada/";
        let result = merged(
            "# my network\n",
            [Item::Contact(connection), message(date(2026, 3, 2), ada, me), message(date(2026, 3, 1), me, ada)],
        );
        assert_eq!(
            result.text,
            "# my network\n\nperson ada-lovelace \"Ada Lovelace\"\n  url https://www.linkedin.com/in/ada\n  2026-03-01 message \"you wrote: hello\"\n  2026-03-02 message \"they wrote: hello\"\n"
        );
    }

    #[test]
    fn edits_keep_crlf_and_a_last_line_without_a_newline() {
        let existing = "set me me@example.org\r\nperson ada \"Ada\"\r\n  email ada@example.org";
        let result = merged(
            existing,
            [
                Item::Contact(with_url(contact("Ada", Some("ada@example.org")), "https://example.org/ada")),
                exchange(date(2026, 1, 5), "email", "Hi", party("Ada", "ada@example.org"), vec![party("Me", ME)]),
                Item::Contact(contact("Grace", None)),
            ],
        );
        assert_eq!(
            result.text,
            "set me me@example.org\r\nperson ada \"Ada\"\r\n  email ada@example.org\r\n  url https://example.org/ada\r\n  2026-01-05 email \"they wrote: Hi\"\r\n\r\nperson grace \"Grace\"\r\n"
        );
    }

    #[test]
    fn rendered_people_are_clean_kith() {
        let mut contact = contact("Ada \"the Countess\" Lovelace", Some("ada#1@example.org"));
        contact.org = Some("Analytical Engines, Ltd".into());
        contact.add_url("https://example.org/#talks");
        contact.add_note("line one\r\nline two\u{7}");
        contact.add_tag("Computing");
        contact.birthday = Some(Birthday::MonthDay(kith_core::values::MonthDay { month: 4, day: 2 }));
        contact.met = Some((date(2024, 3, 12), "Connected on LinkedIn".into()));
        let text = render_person("ada", &contact, &[(date(2026, 1, 2), "email \"Hi\"".to_string())]);
        assert_eq!(
            text,
            "person ada \"Ada \\\"the Countess\\\" Lovelace\"\n  org \"Analytical Engines, Ltd\"\n  email \"ada#1@example.org\"\n  url \"https://example.org/#talks\"\n  birthday --04-02\n  met 2024-03-12 \"Connected on LinkedIn\"\n  tags computing\n  note \"line one\\nline two\"\n  2026-01-02 email \"Hi\"\n"
        );
        let lints = kith_core::check(&text, TODAY).lints;
        let about_the_person: Vec<_> =
            lints.iter().filter(|lint| lint.person.is_some() || lint.span.start > 0).collect();
        assert!(about_the_person.is_empty(), "{about_the_person:#?}");
    }

    /// Inputs the fuzzer found whose output did not read back (issue 9): ids and tags from
    /// names that start with a digit or a symbol, emails and URLs with `!`, `,` or `"`,
    /// control characters.
    #[test]
    fn whatever_an_export_holds_is_written_so_that_it_reads_back() {
        let vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:12 Monkeys\r\nEMAIL:ada!x@example.com\r\nURL:https://maps.example/@51.5,-0.12\r\nNOTE:bell\u{7}nul\u{0}end\r\nCATEGORIES:2024 Conference\r\nEND:VCARD\r\n";
        let linkedin = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n#1,Fan,https://www.linkedin.com/in/fan?a=\"\"b\"\",,,,12 Mar 2024\n";
        let mut merge = Merge::new("", TODAY, Options::default());
        for (format, text) in [(Format::VCard, vcard), (Format::LinkedIn, linkedin)] {
            for record in read(format, text).expect("an export") {
                merge.add(record);
            }
        }
        let rendered = merge.finish().text;
        assert_eq!(
            rendered,
            "person monkeys \"12 Monkeys\"\n  email \"ada!x@example.com\"\n  url \"https://maps.example/@51.5,-0.12\"\n  tags conference\n  note \"bellnulend\"\n\nperson fan \"#1 Fan\"\n  url \"https://www.linkedin.com/in/fan?a=\\\"\\\"b\\\"\\\"\"\n  met 2024-03-12 \"Connected on LinkedIn\"\n"
        );
        assert!(errors(&rendered).is_empty(), "{:?}", errors(&rendered));
    }

    #[test]
    fn appending_leaves_one_blank_line_and_keeps_the_line_endings() {
        let addition = "person b \"B\"\n  note \"x\"\n";
        assert_eq!(append("person a \"A\"\n", addition), "person a \"A\"\n\nperson b \"B\"\n  note \"x\"\n");
        assert_eq!(append("person a \"A\"", addition), "person a \"A\"\n\nperson b \"B\"\n  note \"x\"\n");
        assert_eq!(append("person a \"A\"\n\n", addition), "person a \"A\"\n\nperson b \"B\"\n  note \"x\"\n");
        assert_eq!(append("person a \"A\"\r\n", addition), "person a \"A\"\r\n\r\nperson b \"B\"\r\n  note \"x\"\r\n");
        assert_eq!(append("", addition), addition);
        assert_eq!(append("person a \"A\"\n", ""), "person a \"A\"\n");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Lines that look like pieces of real exports, in any order, plus arbitrary text.
        fn export_text() -> impl Strategy<Value = String> {
            let line = prop_oneof![
                Just("BEGIN:VCARD".to_string()),
                Just("END:VCARD".to_string()),
                Just("VERSION:2.1".to_string()),
                Just("FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen =".to_string()),
                Just(" folded continuation".to_string()),
                Just("BDAY:--02-30".to_string()),
                Just("First Name,Last Name,URL,Email Address,Company,Position,Connected On".to_string()),
                Just("First Name,Last Name,Labels,E-mail 1 - Value,Birthday,Notes".to_string()),
                Just("Ada,\"Love,lace\",x,ada@example.org,\"Co \"\"Q\"\"\",T,12 Mar 2024".to_string()),
                Just("\"unclosed,".to_string()),
                "[ -~é\"\\\\,;:=\t]{0,40}",
            ];
            (prop::collection::vec(line, 0..14), any::<bool>())
                .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
        }

        proptest! {
            #[test]
            fn any_input_reads_without_panicking_and_renders_clean_kith(text in export_text()) {
                for format in [Format::LinkedIn, Format::VCard, Format::Google] {
                    let Ok(records) = read(format, &text) else { continue };
                    let mut merge = Merge::new("", TODAY, Options::default());
                    for record in records {
                        if let Ok(Item::Contact(contact)) = &record {
                            prop_assert!(contact.line >= 1 && contact.line <= text.lines().count().max(1));
                        }
                        merge.add(record);
                    }
                    let rendered = merge.finish().text;
                    let lints = kith_core::check(&rendered, TODAY).lints;
                    let errors: Vec<_> = lints.iter().filter(|lint| lint.severity == Severity::Error).collect();
                    prop_assert!(errors.is_empty(), "{rendered}\n{errors:#?}");
                }
            }
        }
    }
}
