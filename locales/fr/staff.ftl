# Qui est informé de quoi, et ce qui attend le personnel.

notifications-co-sponsor-invited = Votre organisation est invitée à coparrainer cette proposition. Répondez sur sa page.
notifications-proposal-arrived = Une nouvelle proposition de votre groupe attend votre examen.
notifications-proposal-resubmitted = Une nouvelle version de cette proposition attend votre examen.
notifications-contribution-hidden = Un modérateur a masqué votre contribution.
notifications-contribution-shown = Un modérateur a rendu votre contribution de nouveau publique.
notifications-revision-published = Cette révision a été publiée.
notifications-reason = Motif

contribution-unhide-title = Rendre cette contribution de nouveau publique
contribution-unhide-reason = Motif (public, communiqué à l'auteur)
contribution-unhide-hint = Entre 5 et 1 000 caractères. L'auteur en est informé et le journal d'audit le conserve.
contribution-unhide = Rendre de nouveau publique
contribution-error-unhide-reason = Indiquez un motif de 5 à 1 000 caractères.
notice-unhidden = La contribution est de nouveau publique ; son auteur en a été informé.

proposal-invite-choose = Choisissez une organisation
proposal-error-organisation-not-accredited = Cette organisation n'est pas accréditée dans ce processus. Choisissez-en une dans la liste.

error-revision-after-final = Une révision intitulée « Final » a été publiée. Cochez la case pour confirmer que cette révision lui fait suite.
document-after-final-warning = La dernière révision est intitulée « Final ». Les lecteurs la tiendront pour le texte final.
document-after-final-confirm = Publier cette révision après la révision finale

document-unreported-groups = Ces groupes n'ont pas encore de rapport publié
document-missing-accepted = { $count ->
    [one] Une proposition acceptée de ce groupe ne figure pas encore dans le rapport
   *[other] { $count } propositions acceptées de ce groupe ne figurent pas encore dans le rapport
}
document-missing-version = version { $version }
document-pull-accepted = { $count ->
    [one] Ajouter cette proposition au rapport
   *[other] Ajouter ces { $count } propositions au rapport
}
notice-pulled-accepted = Les propositions acceptées ont été ajoutées au rapport, chacune avec sa source.
notice-nothing-to-pull = Le rapport comprend déjà ces propositions.
document-pick-scope = Où chercher
document-pick-scope-group = Les propositions acceptées de ce groupe
document-pick-scope-all = Le résumé du Président et toutes les propositions acceptées

process-participation = Participation
work-title = Votre travail
work-review = { $count ->
    [0] Aucune proposition n'attend votre examen
    [one] Une proposition attend votre examen
   *[other] { $count } propositions attendent votre examen
}
work-hidden = { $count ->
    [0] Aucune contribution masquée
    [one] Une contribution masquée
   *[other] { $count } contributions masquées
}
work-document-revisions = { $count ->
    [0] version de travail, rien de publié
    [one] version de travail, une révision publiée
   *[other] version de travail, { $count } révisions publiées
}
work-compile-summary = Le résumé du Président n'est pas encore établi.
work-start-draft = Le projet n'est pas encore commencé.
work-unreported = { $count ->
    [one] Un groupe n'a pas encore de rapport publié
   *[other] { $count } groupes n'ont pas encore de rapport publié
}
work-accreditations = { $count ->
    [0] Aucune demande d'accréditation en attente
    [one] Une demande d'accréditation attend votre décision
   *[other] { $count } demandes d'accréditation attendent votre décision
}
