//! The roles and pillars that exist in a file: the built-in ones (unless switched off)
//! merged with the file's own declarations.

use crate::model::{Network, RoleDecl};
use crate::text::Span;
use crate::values::Duration;
use crate::vocabulary::{PILLARS, ROLES};

/// A role that exists in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleInfo {
    pub id: String,
    pub pillar: Option<String>,
    pub description: String,
    /// The role's own cadence, from a declaration's `every`.
    pub every: Option<Duration>,
    pub builtin: bool,
    /// Where the file declares (or customises) it.
    pub declared_at: Option<Span>,
}

/// A pillar that exists in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PillarInfo {
    pub id: String,
    pub description: String,
    pub builtin: bool,
    pub declared_at: Option<Span>,
}

/// Every role and pillar of a file, built-ins first, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    pub roles: Vec<RoleInfo>,
    pub pillars: Vec<PillarInfo>,
}

impl Catalog {
    /// Declaring a role or pillar with a built-in's id customises the built-in (its
    /// description, pillar and cadence); a second declaration of the same id is a
    /// `duplicate-id` and is ignored here.
    pub fn new(network: &Network) -> Self {
        let mut catalog = Catalog::default();
        if network.settings.builtin_roles {
            catalog.pillars.extend(PILLARS.iter().map(|pillar| PillarInfo {
                id: pillar.id.to_string(),
                description: pillar.description.to_string(),
                builtin: true,
                declared_at: None,
            }));
            catalog.roles.extend(ROLES.iter().map(|role| RoleInfo {
                id: role.id.to_string(),
                pillar: Some(role.pillar.to_string()),
                description: role.description.to_string(),
                every: None,
                builtin: true,
                declared_at: None,
            }));
        }
        for declaration in &network.pillars {
            let Some(id) = &declaration.id else { continue };
            let description = declaration.description.as_ref().map(|text| text.value.clone());
            match catalog.pillars.iter_mut().find(|pillar| pillar.id == id.name) {
                Some(pillar) if pillar.declared_at.is_none() => {
                    pillar.declared_at = Some(id.span());
                    if let Some(description) = description {
                        pillar.description = description;
                    }
                }
                Some(_) => {}
                None => catalog.pillars.push(PillarInfo {
                    id: id.name.clone(),
                    description: description.unwrap_or_default(),
                    builtin: false,
                    declared_at: Some(id.span()),
                }),
            }
        }
        for declaration in &network.roles {
            catalog.declare_role(declaration);
        }
        catalog
    }

    fn declare_role(&mut self, declaration: &RoleDecl) {
        let Some(id) = &declaration.id else { return };
        let description = declaration.description.as_ref().map(|text| text.value.clone());
        let pillar = declaration.pillar.as_ref().map(|pillar| pillar.name.clone());
        let every = declaration.every.as_ref().and_then(|every| every.value);
        match self.roles.iter_mut().find(|role| role.id == id.name) {
            Some(role) if role.declared_at.is_none() => {
                role.declared_at = Some(id.span());
                role.description = description.unwrap_or_else(|| role.description.clone());
                role.pillar = pillar.or_else(|| role.pillar.clone());
                role.every = every;
            }
            Some(_) => {}
            None => self.roles.push(RoleInfo {
                id: id.name.clone(),
                pillar,
                description: description.unwrap_or_default(),
                every,
                builtin: false,
                declared_at: Some(id.span()),
            }),
        }
    }

    pub fn role(&self, id: &str) -> Option<&RoleInfo> {
        self.roles.iter().find(|role| role.id == id)
    }

    pub fn pillar(&self, id: &str) -> Option<&PillarInfo> {
        self.pillars.iter().find(|pillar| pillar.id == id)
    }

    /// The roles that belong to `pillar`.
    pub fn roles_in<'a>(&'a self, pillar: &'a str) -> impl Iterator<Item = &'a RoleInfo> {
        self.roles.iter().filter(move |role| role.pillar.as_deref() == Some(pillar))
    }
}
