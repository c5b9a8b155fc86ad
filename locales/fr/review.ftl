# L'examen des propositions : la file, les décisions, les notes internes, les notifications.

## Navigation

nav-notifications = Notifications
nav-unread = non lues

## La file

review-queue-title = File d'examen
review-queue-link = File d'examen
review-queue-intro-decide = Les propositions soumises à ce groupe et en attente de décision, des plus anciennes aux plus récentes. Chaque décision porte sur la version que vous avez lue, avec une justification, et elle est publique.
review-queue-intro-read = Les propositions soumises à ce groupe et en attente de décision, des plus anciennes aux plus récentes. En tant que modératrice ou modérateur, vous pouvez lire la file et écrire des notes internes ; les rapporteurs décident.
review-queue-count = Propositions dans la file : { $count }
review-filter = Filtrer
review-co-sponsors = Coparrains
review-co-sponsors-none = Aucun
review-co-sponsors-1 = Au moins 1
review-co-sponsors-2 = Au moins 2
review-co-sponsors-5 = Au moins 5
review-under-review = Version examinée
review-public-page = Page publique
review-notes = Notes internes
review-history = Historique
review-similar = Propositions les plus semblables dans ce groupe
review-similar-none = Aucune proposition semblable dans ce groupe.
review-similarity = Part de la formulation commune aux deux propositions
review-similarity-percent = semblable à { $percent } %
review-similarity-near-identical = quasi identique : un ou deux mots changés
review-decide = Examiner et décider
review-open = Ouvrir

## Une proposition examinée

review-proposal-title = Examen
review-text = Texte examiné
review-decision-title = Décision
review-decision-intro = Votre décision porte sur la version { $version }, celle qu'affiche cette page. Elle est publique, avec sa justification ; les rapporteurs sont désignés par leur rôle.
review-decision = Décision
review-decision-choose = Choisissez une décision
review-decision-accept = Accepter
review-decision-request-revision = Demander une révision
review-decision-reject = Rejeter
review-decision-merge = Fusionner avec une autre proposition
review-decision-duplicate = Marquer comme doublon d'une autre proposition
review-rationale = Justification
review-rationale-hint = Obligatoire. Pour une demande de révision, dites ce qu'il faut changer : l'auteur la lit sur la page de la proposition.
review-rationale-not-recorded = Votre justification, non enregistrée :
review-target = Autre proposition (pour une fusion ou un doublon)
review-target-hint = Sa référence, par exemple GCM/CP/0003. Elle doit appartenir à ce groupe.
review-decision-submit = Enregistrer la décision
review-notes-intro = Seuls les rapporteurs et les modérateurs de ce groupe et le secrétariat lisent ces notes.
review-notes-none = Aucune note pour l'instant.
review-note = Nouvelle note
review-note-submit = Ajouter la note
review-reply-to = Répondre à { $author }
review-reply-submit = Répondre

## Refus

review-error-choose-decision = Choisissez une décision.
review-error-not-submitted = Cette proposition n'attend plus de décision : elle a été décidée, retirée ou renvoyée à son auteur entre-temps. Rien n'a été enregistré.
review-error-stale-version = L'auteur a soumis une nouvelle version après l'ouverture de cette page. Elle est affichée ci-dessous : lisez-la, puis décidez à nouveau. Votre justification est conservée.
review-error-changed = Cette proposition a changé pendant que vous décidiez. Elle est affichée ci-dessous telle qu'elle est maintenant. Rien n'a été enregistré.
review-error-target-required = Indiquez la référence de l'autre proposition.
review-error-target-not-expected = Cette décision ne désigne aucune autre proposition.
review-error-target-itself = Une proposition ne peut être fusionnée avec elle-même ni être son propre doublon.
review-error-target-other-group = L'autre proposition appartient à un autre groupe d'action : seules les propositions d'un même groupe peuvent être fusionnées ou marquées comme doublons.
review-error-target-not-eligible = L'autre proposition ne peut pas recevoir cette décision : elle a elle-même été retirée, fusionnée ou marquée comme doublon (ou rejetée, pour une fusion).
review-error-no-such-target = Aucune proposition soumise à ce processus ne porte cette référence.

## Décisions publiques et historique

review-decision-public-title = Décision
review-revision-requested-title = Révision demandée
review-done-accept = Acceptée
review-done-request-revision = Révision demandée
review-done-reject = Rejetée
review-done-merge = Fusionnée avec
review-done-duplicate = Marquée comme doublon de
review-on-version = sur la version { $version }
review-by-rapporteur = par le rapporteur du groupe
review-by-secretariat = par le secrétariat
review-by-reviewers = par les examinateurs
review-history-version = Version { $version } soumise
review-history-withdrawn = Retirée par son auteur
review-public-history = Historique
review-referrers = Propositions intégrées à celle-ci
review-referrer-merge = Fusionnée avec cette proposition
review-referrer-duplicate = Marquée comme doublon de cette proposition
review-uses = Où cette proposition a été utilisée
review-uses-none = Aucun document publié ne cite encore cette proposition.
review-used-in = { $document }, { $revision }, paragraphe { $number }
review-used-in-heading = { $document }, { $revision }
review-open-review = Ouvrir cette proposition dans la file d'examen

## Le rapport du groupe

review-report-compile-intro = Établir le rapport du groupe à partir de ses propositions acceptées. Chaque paragraphe garde un lien vers la proposition dont il vient ; vous le modifiez ensuite, puis le publiez.
review-report-compile = Établir le rapport du groupe
review-report-working = Version de travail

## Notifications

notifications-title = Notifications
notifications-intro = Les décisions sur vos propositions, les invitations à coparrainer, la modération de vos contributions et ce qui arrive pour votre examen.
notifications-settings-link = Choisir comment les recevoir.
notifications-none = Vous n'avez aucune notification.
notifications-new = Nouveau
notifications-digest-of = Résumé quotidien du { $day }
notifications-decision = Une décision a été prise.
notifications-accept = Acceptée.
notifications-request-revision = Les rapporteurs demandent une nouvelle version.
notifications-reject = Rejetée.
notifications-merge = Fusionnée avec une autre proposition.
notifications-duplicate = Marquée comme doublon d'une autre proposition.
notifications-settings-title = Notifications
notifications-settings-intro = Vous êtes informé ici des décisions prises sur les propositions que vous avez soumises ou que votre organisation coparraine.
notifications-see-all = Voir vos notifications.
notifications-delivery = Comment les recevoir
notifications-delivery-immediate = Tout de suite, une à une
notifications-delivery-daily-digest = Une fois par jour, réunies dans un résumé le lendemain (UTC)
notifications-settings-submit = Enregistrer les préférences de notification

## Messages après une redirection

notice-decision-recorded = La décision a été enregistrée et publiée. L'auteur et les coparrains en sont informés.
notice-note-added = Votre note a été ajoutée.
notice-notifications-saved = Vos préférences de notification ont été enregistrées.
review-queue-count-more = Propositions dans la file : plus de { $count }
