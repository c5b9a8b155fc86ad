## Documents : rapports des groupes, résumé du Président, projet
document-kind-group-report = Rapport du groupe
document-kind-chairs-summary = Résumé du Président
document-kind-draft = Projet
document-kind-paragraph = Paragraphe
document-kind-measure = Mesure, désignée par une lettre sous le paragraphe qui précède
document-kind-heading = Intertitre
document-working-copy = Copie de travail
document-working-copy-intro = Non publique : le texte sur lequel travaillent actuellement les rédacteurs. Publiez-la sous forme de révision pour la rendre publique.
document-showing-revision = Révision publiée
document-revisions = Révisions
document-compare = Comparer les révisions
document-compare-from = Version antérieure
document-compare-to = Version ultérieure
document-compare-submit = Comparer
document-compare-summary = Différences
document-changed-count = { $count ->
    [one] { $count } modifié
   *[other] { $count } modifiés
}
document-added-count = { $count ->
    [one] { $count } ajouté
   *[other] { $count } ajoutés
}
document-removed-count = { $count ->
    [one] { $count } supprimé
   *[other] { $count } supprimés
}
document-moved-count = { $count ->
    [one] { $count } déplacé
   *[other] { $count } déplacés
}
document-differences = Paragraphe par paragraphe
document-change-unchanged = inchangé
document-change-changed = modifié
document-change-added = ajouté
document-change-removed = supprimé
document-change-moved = déplacé
document-concordance = Concordance des numéros de paragraphe
document-concordance-new = (nouveau)
document-concordance-removed = (supprimé)
document-first-paragraph = Premier paragraphe
document-insert = Ajouter
document-insert-after = Ajouter après cet élément
document-node-kind = Type
document-node-text = Texte
document-node-text-hint = Markdown : **gras**, *italique*, une ligne vide entre les paragraphes.
document-edit-node = Modifier
document-move-up = Monter
document-move-down = Descendre
document-delete-node = Supprimer
document-node-place = Déplacer ou supprimer
document-publish-title = Publier une révision
document-publish-intro = La publication fige la copie de travail dans son état actuel, sous un nom, pour que chacun puisse la lire. Une révision publiée ne change jamais.
document-revision-label = Nom de la révision
document-revision-label-hint = Par exemple Avant-projet, Rev.1, Rev.2, Texte final.
document-publish = Publier
document-sources = Sources
document-sources-count = { $count ->
    [one] { $count } source
   *[other] { $count } sources
}
document-no-sources = Aucune source n'est encore liée à ce paragraphe.
document-add-source = Lier une source
document-source-kind = Type de source
document-source-proposal = Une proposition d'engagement
document-source-contribution = Une contribution écrite
document-source-paragraph = Un paragraphe d'un autre document
document-source-reference = Référence
document-source-reference-hint = Un numéro de référence tel que GCM/CP/0012 ou GCM/WC/0042 ; pour un paragraphe, le nom court du document suivi du numéro du paragraphe, par exemple group-1-report 7.
document-source-version = Version (facultatif)
document-source-version-hint = Pour une proposition : le numéro de version ; la plus récente si le champ est laissé vide.
document-source-quote = Citation (facultatif)
document-source-note = Note (facultatif)
document-conflict = Une autre personne a enregistré ce paragraphe pendant que vous le modifiiez, et a changé les mêmes mots. Rien n'est perdu : son texte figure en premier, le vôtre se trouve dans le champ ci-dessous. Fusionnez-les, puis enregistrez.
document-conflict-theirs = Enregistré entre-temps par une autre personne
document-conflict-mine = Votre texte
document-conflict-hint = L'enregistrement remplace le texte enregistré entre-temps par le contenu de ce champ.
document-node-removed-meanwhile = Une autre personne a supprimé ce paragraphe pendant que vous le modifiiez. Votre texte est conservé ci-dessous : ajoutez-le de nouveau, ou copiez-le ailleurs.
document-add-again = L'ajouter de nouveau
error-heading-one-line = Un intertitre tient sur une seule ligne.
error-no-such-source = Aucun élément portant cette référence n'a été trouvé dans ce processus.
notice-merged = Enregistré. Une autre personne avait modifié entre-temps d'autres mots de ce paragraphe ; les deux modifications sont conservées.
notice-published = La révision a été publiée.
document-pick-title = Reprendre du texte
document-pick-intro = Les paragraphes du résumé du Président publié et les propositions acceptées. Le texte repris conserve sa source et peut être modifié.
document-pick-count = { $count ->
    [one] { $count } paragraphe ou proposition
   *[other] { $count } paragraphes et propositions
}
document-pull = Reprendre
document-pull-here = Reprendre du texte après cet élément
document-compile-summary = Établir le résumé du Président
document-start-draft = Commencer le projet
document-start-report = Commencer le rapport du groupe
document-details = Titre, cote et langue
document-details-intro = Ces informations figurent en tête de chaque révision publiée à partir de maintenant et de chacun de ses exports.
document-details-title = Titre
document-details-symbol = Cote du document (facultatif)
document-details-symbol-hint = La cote sous laquelle le document est publié, par exemple A/CONF.231/3.
document-details-language = Langue du texte
document-details-language-hint = Les exports l'indiquent, afin que les lecteurs, les lecteurs d'écran et les archives traitent correctement le texte.
document-language-choose = Choisissez l'une des langues de la liste.
notice-details-saved = Les informations ont été enregistrées.
error-revision-label-required = Donnez un nom à la révision, par exemple Rev.1.
error-revision-label-taken = Une révision de ce document porte déjà ce nom ; choisissez-en un autre.
document-details-changed-meanwhile = Quelqu'un d'autre a modifié ce champ pendant que vous le modifiiez ; ce qu'il a enregistré figure ci-dessus. En enregistrant à nouveau, vous conservez le contenu de ce champ.

## Crochets et statut des paragraphes du projet négocié
document-brackets-hint = Les crochets signalent le texte non encore convenu : [première option {"{"}A/3 : Mexique{"}"}] [deuxième option {"{"}UE{"}"}]. Écrivez \[ et \] pour des crochets littéraux.
error-brackets-nested = Un crochet est ouvert à l’intérieur d’un autre : fermez le premier avant d’ouvrir le suivant, ou écrivez \[ pour un crochet littéral.
error-brackets-unopened = Un crochet fermant ] n’est précédé d’aucun crochet ouvrant : ajoutez le [ ou écrivez \] pour un crochet littéral.
error-brackets-unclosed = Un crochet [ n’est jamais fermé : ajoutez le ] ou écrivez \[ pour un crochet littéral.
error-brackets-citation-unclosed = Une mention {"{"}…{"}"} entre crochets n’est pas fermée avant la fin du crochet.
error-brackets-after-citation = La mention {"{"}…{"}"} doit venir en dernier dans son crochet, juste avant le ].
error-brackets-empty = Un crochet ne contient ni texte ni mention.
paragraph-status-pending = En suspens
paragraph-status-agreed-ad-ref = Convenu ad referendum
paragraph-status-agreed = Convenu
document-status-label = Statut dans la négociation
document-status-set = Enregistrer le statut
consensus-heading = Progrès vers le consensus
consensus-paragraphs = Paragraphes
consensus-agreed = Convenus
consensus-agreed-ad-ref = Convenus ad referendum
consensus-open-brackets = Crochets ouverts
document-amendment-no-change = L’amendement se lit comme le paragraphe actuel.
document-amendment-crosses-bracket = Les mots que modifie l’amendement chevauchent un crochet du paragraphe : réglez d’abord ce crochet, ou acceptez l’amendement en entier.
