# Propositions d'engagements et pages des groupes d'action — français.

## La liste
proposals-title = Propositions d'engagements
proposals-intro = Des propositions concrètes d'engagements et de moyens de mise en œuvre, chacune soumise à un groupe d'action. Chaque version reste consultable.
proposals-your-drafts = Vos brouillons
proposals-untitled = (sans titre)
proposals-saved-on = enregistré le
proposals-search = Rechercher des propositions
proposals-search-submit = Rechercher
proposals-any = Toutes
proposals-sort = Ordre
proposals-sort-newest = Les plus récentes d'abord
proposals-sort-oldest = Les plus anciennes d'abord
proposals-sort-title = Par titre
proposals-sort-reference = Par référence
proposals-sort-relevance = Les plus pertinentes d'abord
proposals-count = Propositions trouvées : { $count }
proposals-pages = Pages
proposals-previous = Page précédente
proposals-next = Page suivante
proposals-page-of = Page { $page } sur { $pages }

## La page d'un groupe d'action
proposals-group-people = Rapporteurs et modérateurs
proposals-group-submit = Soumettre une proposition à ce groupe
proposals-group-none = Aucune proposition n'a encore été soumise à ce groupe.
proposals-group-all = Toutes les propositions de ce groupe
proposals-group-report = Rapport du groupe
proposals-group-report-later = Les rapporteurs rédigent le rapport du groupe à partir des propositions acceptées, une fois l'examen commencé.

## États
proposal-status = État
proposal-status-draft = Brouillon
proposal-status-submitted = Soumise
proposal-status-revision-requested = Révision demandée
proposal-status-accepted = Acceptée
proposal-status-rejected = Rejetée
proposal-status-merged = Fusionnée
proposal-status-duplicate = Doublon
proposal-status-withdrawn = Retirée

## Champs
proposal-field-title = Titre
proposal-hint-title = Un nom court pour l'engagement, tel qu'il apparaîtra dans la liste.
proposal-field-commitment = Engagement
proposal-hint-commitment = Ce que vous proposez que les États s'engagent à faire, en quelques phrases.
proposal-field-actionable-measures = Mesures concrètes
proposal-hint-actionable-measures = Une mesure par ligne.
proposal-field-partnerships = Partenariats
proposal-hint-partnerships = Qui travaille ensemble pour la mettre en œuvre, et comment.
proposal-field-capacity-building = Renforcement des capacités
proposal-hint-capacity-building = Les compétences, institutions ou échanges nécessaires.
proposal-field-financing = Financement
proposal-hint-financing = Comment elle est financée.
proposal-field-data = Données
proposal-hint-data = Les données à collecter, partager ou améliorer.
proposal-field-responsible-actors = Acteurs responsables
proposal-hint-responsible-actors = Qui la met en œuvre : gouvernements, autorités locales, agences, autres.
proposal-field-sdg-targets = Cibles des ODD
proposal-hint-sdg-targets = Les cibles des objectifs de développement durable qu'elle sert, par exemple 10.7.
proposal-field-timeline = Calendrier
proposal-hint-timeline = Son début, ses étapes et son achèvement.
proposal-field-indicators = Indicateurs
proposal-hint-indicators = Comment les progrès sont mesurés.
proposal-means = Moyens de mise en œuvre
proposal-means-hint = Les quatre moyens de mise en œuvre transversaux. Laissez vide ce qui ne s'applique pas.
proposal-themes = Thèmes
proposal-theme = Thème
proposal-group = Groupe d'action
proposal-group-hint = Le groupe d'action auquel cette proposition est soumise.
proposal-group-choose = Choisissez un groupe
proposal-group-fixed = Une proposition soumise reste dans le groupe auquel elle a été soumise.

## Rédaction
proposal-new-title = Soumettre une proposition d'engagement
proposal-new-intro = La soumission rend la proposition publique avec un numéro de référence. Vous pouvez aussi enregistrer un brouillon, visible de vous seul, et le soumettre plus tard.
proposal-draft-title = Votre brouillon de proposition
proposal-draft-intro = Ce brouillon est enregistré et vous seul pouvez le voir. Soumettez-le quand il est prêt.
proposal-revise-title = Nouvelle version de { $reference }
proposal-revise-intro = Vous modifiez la version { $version }. La soumission crée une nouvelle version ; chaque version antérieure reste consultable. Un brouillon enregistré ici ne change rien de public.
proposal-see-public = Voir la page publique.
proposal-window-closed-warning = La période de bilan est close : vous pouvez enregistrer votre texte comme brouillon, mais pas le soumettre.
proposal-on-behalf = La proposition est soumise au nom de votre organisation.
proposal-submit = Soumettre la proposition
proposal-submit-version = Soumettre la nouvelle version
proposal-submit-hint = La soumission publie immédiatement cette version, avec un numéro de référence, pour examen par les rapporteurs du groupe : elle est irréversible. Enregistrez un brouillon pour continuer à y travailler.
proposal-save-draft = Enregistrer le brouillon
proposal-error-title-short = Le titre doit comporter au moins 3 caractères.
proposal-error-no-such-theme = Ce processus n'a pas ce thème.
proposal-error-newer-version = Une version plus récente de cette proposition a été soumise après l'ouverture de ce formulaire. Votre texte est ci-dessous, non soumis : consultez la page publique, puis soumettez à nouveau.
proposal-error-no-such-organisation = Aucune organisation inscrite ne porte exactement ce nom.
proposal-error-own-organisation = La proposition est déjà soumise au nom de cette organisation.
proposal-error-already-invited = Cette organisation a déjà été invitée.

## Une proposition
proposal-reference = Référence
proposal-version = Version
proposal-version-of = Version { $version }
proposal-submitted-by = Soumise par
proposal-submitted-on = Soumise le
proposal-content-hash = Empreinte du contenu (SHA-256)
proposal-withdrawn-notice = Son auteur a retiré cette proposition. Elle reste consultable.
proposal-withdrawn-on = Retirée le :
proposal-older-version = Vous lisez la version { $version }, qui n'est pas la version actuelle.
proposal-see-current = Voir la version actuelle.
proposal-your-proposal = Votre proposition
proposal-your-proposal-intro = Tant qu'aucune décision n'est prise, vous pouvez soumettre une nouvelle version de cette proposition ou la retirer.
proposal-edit = Rédiger une nouvelle version
proposal-withdraw = Retirer cette proposition
proposal-withdraw-hint = Une proposition retirée reste consultable, marquée comme retirée, et ne peut plus être modifiée.
proposal-withdraw-confirm = Oui, la retirer
proposal-co-sponsors = Coparrains
proposal-no-co-sponsors = Pas encore de coparrain.
proposal-pending-invitations = Invitées, sans réponse à ce jour
proposal-invitation-for-you = { $organisation } est invitée à coparrainer cette proposition. En tant que partie prenante accréditée de cette organisation, vous pouvez répondre.
proposal-accept-invitation = Coparrainer
proposal-decline-invitation = Décliner
proposal-invite = Inviter une organisation à coparrainer
proposal-invite-organisation = Organisation
proposal-invite-hint = Les organisations accréditées dans ce processus.
proposal-invite-submit = Inviter
proposal-history = Versions
proposal-compare = Comparer
proposal-compare-with-previous = Différences avec la version précédant la version { $version }
proposal-compare-first-last = Différences entre la première version et la version actuelle

## Comparaison des versions
proposal-compare-title = Différences entre versions
proposal-compare-from = De
proposal-compare-to = À
proposal-compare-submit = Comparer
proposal-compare-legend = Les mots ajoutés sont soulignés, les mots supprimés sont barrés.
proposal-compare-same = Ces deux versions sont identiques.
proposal-compare-unchanged = Inchangés :
proposal-diff-added = ajouté
proposal-diff-removed = supprimé

## Messages après une redirection
notice-proposal-draft-saved = Votre brouillon a été enregistré. Vous seul pouvez le voir.
notice-proposal-window-closed = La période de bilan est close, votre proposition n'a donc pas pu être soumise. Rien n'est perdu : votre texte est enregistré ici comme brouillon.
notice-proposal-session-expired = Votre session avait expiré, votre proposition n'a donc pas été soumise. Rien n'est perdu : votre texte est enregistré comme brouillon. Connectez-vous pour continuer.
notice-proposal-submitted = Votre proposition a été soumise. Son numéro de référence figure ci-dessous.
notice-proposal-version-submitted = Votre nouvelle version a été soumise.
notice-proposal-withdrawn = La proposition a été retirée.
notice-proposal-invited = L'organisation a été invitée à coparrainer cette proposition.
notice-proposal-co-sponsored = Votre organisation coparraine désormais cette proposition.
notice-proposal-declined = Vous avez décliné l'invitation.
proposals-count-more = Propositions trouvées : plus de { $count }
