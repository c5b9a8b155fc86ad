//! Negotiation pages: the secretariat's delegations and groups of States, the rounds of a
//! process, and a round's page where delegations table, withdraw, join and oppose
//! amendments, and the draft's editors accept them into the working copy. Every check is made in `app::negotiation`; this module owns addresses and
//! pages.

pub mod delegations;
pub mod rounds;

use actix_web::{Scope, web};

/// The routes under `/p/{process}/negotiation`.
pub fn routes() -> Scope {
    web::scope("/p/{process}/negotiation")
        .service(delegations::delegations_page)
        .service(delegations::add_delegation)
        .service(delegations::add_delegate)
        .service(delegations::add_group)
        .service(delegations::add_to_group)
        .service(delegations::settings)
        .service(rounds::list)
        .service(rounds::open)
        .service(rounds::show)
        .service(rounds::table)
        .service(rounds::withdraw)
        .service(rounds::take_position)
        .service(rounds::accept)
        .service(rounds::compilation)
        .service(rounds::compilation_export)
}
