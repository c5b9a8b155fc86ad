## Contributions écrites
contributions-title = Contributions écrites
contributions-count = { $count ->
    [one] { $count } contribution
   *[other] { $count } contributions
}
contributions-none = Aucune contribution ne correspond à votre recherche. Essayez avec moins de mots ou d'autres filtres.
contribution-new = Rédiger une contribution
contribution-form-title = Rédiger une contribution
contribution-edit-draft-title = Votre brouillon de contribution
contribution-your-drafts = Vos brouillons
contribution-untitled = (brouillon sans titre)
contribution-saved-at = enregistré le
field-contribution-title = Titre
field-contribution-title-hint = { $max } caractères au maximum.
field-contribution-body = Texte
field-contribution-body-hint = { $max } caractères au maximum. Vous pouvez utiliser Markdown : une ligne vide entre les paragraphes, # pour un titre, * pour une liste, **gras**, *italique*.
field-contribution-groups = Groupes d'action
field-contribution-themes = Thèmes
field-attachments = Pièces jointes
field-attachments-add = Ajouter des fichiers PDF
field-attachments-hint = PDF uniquement, 20 Mo au maximum par fichier, 5 fichiers au maximum à la fois. Ils sont joints au brouillon dès que vous l'enregistrez, le prévisualisez ou le soumettez.
attachment-remove = Retirer
contribution-submit = Soumettre publiquement
contribution-submit-hint = La soumission publie immédiatement votre contribution, sous votre nom et celui de votre organisation, avec un numéro de référence : elle est irréversible. Enregistrez un brouillon pour continuer à y travailler.
contribution-preview = Aperçu
contribution-save-draft = Enregistrer le brouillon
contribution-preview-heading = Aperçu
autosave-saved = Brouillon enregistré automatiquement à { "{" }time{ "}" } (UTC).
autosave-failed = Le brouillon n'a pas pu être enregistré automatiquement. Utilisez « Enregistrer le brouillon » pour conserver votre texte.
contribution-window-closed = La période de consultation n'est pas ouverte : cette contribution ne peut donc pas être soumise pour le moment. Vous pouvez toutefois l'enregistrer comme brouillon.
contribution-window-closed-draft-kept = La période de consultation a pris fin pendant que vous rédigiez. Votre texte a été enregistré comme brouillon, sans aucune perte. Adressez-vous au secrétariat si vous devez soumettre votre contribution hors délai.
contribution-window-not-open-draft-kept = La période de consultation n'est pas encore ouverte. Votre texte a été enregistré comme brouillon ; soumettez-le dès l'ouverture de la période.
contribution-kept-as-draft = Votre texte a été enregistré comme brouillon. Corrigez les points signalés ci-dessous, puis soumettez-le.
contribution-not-saved = Rien n'a encore été enregistré : corrigez les points signalés ci-dessous. Votre texte figure toujours dans le formulaire.
contribution-not-saved-failure = Votre texte n'a pas pu être enregistré cette fois et n'a pas été soumis. Il figure toujours dans le formulaire : veuillez réessayer.
contribution-by = Soumise par
contribution-withdrawn-notice = Cette contribution a été retirée par son auteur.
contribution-withdraw = Retirer cette contribution
contribution-withdraw-intro = Une contribution retirée reste consultable, avec la mention « retirée ». Ce retrait est irréversible.
contribution-hidden-tombstone = Cette contribution a été masquée par un modérateur
contribution-hidden-reason = Motif :
contribution-hidden-shown-to-you = Masquée pour tous les autres : vous en voyez le texte parce que vous en êtes l’auteur, que vous modérez ou que vous conduisez le processus.
contribution-hide-title = Masquer cette contribution
contribution-hide-reason = Motif public
contribution-hide-hint = Affiché à la place de la contribution. De 5 à 1 000 caractères.
contribution-hide = Masquer
contribution-status-draft = Brouillon
contribution-status-submitted = Soumise
contribution-status-withdrawn = Retirée
contribution-status-hidden = Masquée
receipt-title = Accusé de réception
receipt-reference = Numéro de référence
receipt-submitted = Date de réception
receipt-hash = Empreinte SHA-256 du texte soumis
receipt-download = Télécharger l'accusé de réception
error-not-pdf = Seuls des fichiers PDF peuvent être joints ; un fichier qui n'est pas au format PDF a été écarté.
error-no-such-theme = Ce processus ne comporte pas ce thème.

## Avis
notice-submitted = Votre contribution a bien été reçue. Son accusé de réception figure ci-dessous : conservez le numéro de référence.
notice-draft-saved = Votre brouillon a été enregistré.
notice-withdrawn = La contribution a été retirée.
notice-hidden = La contribution a été masquée ; la mention qui la remplace en indique le motif.
notice-session-expired-draft-saved = Votre session avait expiré : votre texte a donc été enregistré comme brouillon. Connectez-vous pour reprendre là où vous en étiez.

## Listes
search-label = Rechercher
search-submit = Rechercher
filter-any = Tous
filter-group = Groupe d'action
filter-theme = Thème
filter-status = Statut
filter-language = Langue
sort-label = Trier par
sort-newest = Les plus récentes d'abord
sort-oldest = Les plus anciennes d'abord
sort-title = Titre
sort-reference = Numéro de référence
sort-relevance = Les plus pertinentes d'abord
search-more-than = Plus de { $count } résultats : les { $count } plus récents sont affichés. Ajoutez un mot ou un filtre pour affiner la recherche.
search-more-than-best = Plus de { $count } résultats : les { $count } plus pertinents sont affichés. Ajoutez un mot ou un filtre pour affiner la recherche.
pagination-label = Pages
pagination-previous = Page précédente
pagination-next = Page suivante
pagination-page = Page { $page }
pagination-first = Première page
pagination-rows = Lignes { $from } à { $to } sur { $total }
pagination-rows-more = Lignes { $from } à { $to } sur plus de { $total }
pagination-too-deep = Les numéros de page s’arrêtent à { $max } : voici la première page. Continuez avec « Page suivante », ou affinez la liste avec les filtres.
contributions-count-more = Plus de { $count } contributions

## Campagnes : de nombreux envois de la même lettre
campaign-title = Campagne
campaign-submitted-times = { $count ->
    [one] Ce texte a été envoyé une fois
   *[other] Ce texte a été envoyé { $count } fois
}
campaign-added-words = { $count ->
    [0] personne n’y a ajouté ses propres mots
    [one] une personne y a ajouté ses propres mots
   *[other] { $count } personnes y ont ajouté leurs propres mots
}
campaign-member = { $count ->
    [one] Ce texte fait partie d’une campagne.
   *[other] L’un des { $count } exemplaires d’une campagne.
}
campaign-see = Voir la campagne
campaign-letter = La lettre
campaign-copies-heading = Exemplaires avec des mots propres
campaign-copies-none = Aucun exemplaire ne diffère de la lettre.
campaign-copies-no-more = Plus aucun exemplaire ne diffère de la lettre.
campaign-diff-added = ajouté
campaign-diff-removed = supprimé

## The receipt as a file (receipt.txt), in the reader's language
receipt-file-heading = Accusé de réception d'une contribution écrite
receipt-file-process = Processus :
receipt-file-reference = Référence :
receipt-file-title = Titre :
receipt-file-submitted = Soumise le :
receipt-file-hash = Empreinte SHA-256 du texte soumis :
receipt-file-attachment = Pièce jointe :
receipt-file-size = { $size ->
    [one] { $size } octet
   *[other] { $size } octets
}
receipt-file-check = L'empreinte est calculée sur le titre, une ligne vide et le texte, exactement tels que soumis (UTF-8, sauts de ligne LF). Pour la vérifier :

# The language a contribution or proposal is written in.
field-text-language = Langue de ce texte
field-text-language-hint = Proposée d'après l'écriture de votre texte ; changez-la si elle est fausse.
error-no-such-language = Choisissez l'une des six langues officielles.
