# Email: the messages Concord sends, and the pages of the links they carry (address
# confirmation, forgotten password).

mail-greeting = Dear { $name },
mail-signature = Concord
mail-confirm-subject = Confirm your email address for Concord
mail-confirm-body = Please confirm that this address is yours by opening the link below within { $days } days. Until you do, Concord sends no notifications to it.
mail-confirm-ignore = If you did not register on Concord, you can ignore this message: nothing will be sent to this address.
mail-reset-subject = Reset your Concord password
mail-reset-body = We received a request to reset the password of your Concord account. To choose a new password, open the link below within { $minutes } minutes; it can be used only once.
mail-reset-ignore = If you did not ask for this, you can ignore this message: your password stays as it is.
mail-notification-subject = Concord: news of proposal { $reference }
mail-notification-settings = You receive these messages because of your notification settings. To change them, go to { $link }
mail-digest-subject = Concord: your daily digest of { $day }
mail-digest-intro = Your notifications of { $day } ({ $count }):

login-forgot-link = Forgot your password?
forgot-title = Forgotten password
forgot-intro = Enter the email address of your account. If an account has this address, we will send it a link to choose a new password.
forgot-submit = Send the link
forgot-back-to-login = Back to sign in
reset-title = Choose a new password
reset-intro = Choose the new password of your account. Once it is saved, every browser signed in to your account is signed out.
reset-submit = Save the new password
confirm-title = Confirm your email address
confirm-intro = Confirm that this email address is yours, so that Concord may send notifications to it.
confirm-submit = Confirm my address
link-spent-title = This link no longer works
link-spent-intro = The link has already been used, has expired or is incomplete.
link-spent-forgot = Ask for a new password reset link
link-spent-account = Go to your account to ask for a new confirmation link
address-title = Email address
address-confirmed = Your email address is confirmed.
address-unconfirmed = Your email address is not confirmed yet.
address-unconfirmed-means = Until you open the link we sent to it, no notifications are sent to it by email.
address-resend = Send the confirmation link again
notice-reset-sent = If an account has this address, a link to choose a new password has been sent to it. The link works for one hour.
notice-password-reset = Your new password is saved. Every browser that was signed in to your account has been signed out: sign in with the new password.
notice-address-confirmed = Your email address is confirmed.
notice-confirmation-sent = A new confirmation link has been sent to your email address.
