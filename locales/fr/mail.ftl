# Courrier électronique : les messages envoyés par Concord, et les pages des liens qu'ils
# contiennent (confirmation de l'adresse, mot de passe oublié).

mail-greeting = Bonjour { $name },
mail-signature = Concord
mail-confirm-subject = Confirmez votre adresse électronique pour Concord
mail-confirm-body = Veuillez confirmer que cette adresse est la vôtre en ouvrant le lien ci-dessous dans un délai de { $days } jours. D'ici là, Concord ne lui envoie aucune notification.
mail-confirm-ignore = Si vous ne vous êtes pas inscrit(e) sur Concord, vous pouvez ignorer ce message : rien ne sera envoyé à cette adresse.
mail-reset-subject = Réinitialisation de votre mot de passe Concord
mail-reset-body = Nous avons reçu une demande de réinitialisation du mot de passe de votre compte Concord. Pour choisir un nouveau mot de passe, ouvrez le lien ci-dessous dans un délai de { $minutes } minutes ; il ne peut servir qu'une fois.
mail-reset-ignore = Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message : votre mot de passe reste inchangé.
mail-notification-subject = Concord : nouvelles de la proposition { $reference }
mail-notification-settings = Vous recevez ces messages en raison de vos paramètres de notification. Pour les modifier, rendez-vous sur { $link }
mail-digest-subject = Concord : votre récapitulatif quotidien du { $day }
mail-digest-intro = Vos notifications du { $day } ({ $count }) :

login-forgot-link = Mot de passe oublié ?
forgot-title = Mot de passe oublié
forgot-intro = Saisissez l'adresse électronique de votre compte. Si un compte correspond à cette adresse, nous lui enverrons un lien pour choisir un nouveau mot de passe.
forgot-submit = Envoyer le lien
forgot-back-to-login = Retour à la connexion
reset-title = Choisissez un nouveau mot de passe
reset-intro = Choisissez le nouveau mot de passe de votre compte. Une fois enregistré, tous les navigateurs connectés à votre compte sont déconnectés.
reset-submit = Enregistrer le nouveau mot de passe
confirm-title = Confirmez votre adresse électronique
confirm-intro = Confirmez que cette adresse électronique est la vôtre, afin que Concord puisse lui envoyer des notifications.
confirm-submit = Confirmer mon adresse
link-spent-title = Ce lien ne fonctionne plus
link-spent-intro = Le lien a déjà été utilisé, a expiré ou est incomplet.
link-spent-forgot = Demander un nouveau lien de réinitialisation
link-spent-account = Accéder à votre compte pour demander un nouveau lien de confirmation
address-title = Adresse électronique
address-confirmed = Votre adresse électronique est confirmée.
address-unconfirmed = Votre adresse électronique n'est pas encore confirmée.
address-unconfirmed-means = Tant que vous n'avez pas ouvert le lien que nous lui avons envoyé, aucune notification ne lui est envoyée par courrier électronique.
address-resend = Renvoyer le lien de confirmation
notice-reset-sent = Si un compte correspond à cette adresse, un lien pour choisir un nouveau mot de passe lui a été envoyé. Le lien est valable une heure.
notice-password-reset = Votre nouveau mot de passe est enregistré. Tous les navigateurs connectés à votre compte ont été déconnectés : connectez-vous avec le nouveau mot de passe.
notice-address-confirmed = Votre adresse électronique est confirmée.
notice-confirmation-sent = Un nouveau lien de confirmation a été envoyé à votre adresse électronique.
