# Correo electrónico: los mensajes que envía Concord y las páginas de los enlaces que
# contienen (confirmación de la dirección, contraseña olvidada).

mail-greeting = Estimado/a { $name }:
mail-signature = Concord
mail-confirm-subject = Confirme su dirección de correo electrónico para Concord
mail-confirm-body = Confirme que esta dirección es suya abriendo el enlace siguiente en un plazo de { $days } días. Hasta entonces, Concord no le envía ninguna notificación.
mail-confirm-ignore = Si no se ha registrado en Concord, puede ignorar este mensaje: no se enviará nada a esta dirección.
mail-reset-subject = Restablezca su contraseña de Concord
mail-reset-body = Hemos recibido una solicitud para restablecer la contraseña de su cuenta de Concord. Para elegir una nueva contraseña, abra el enlace siguiente en un plazo de { $minutes } minutos; solo puede utilizarse una vez.
mail-reset-ignore = Si no lo ha solicitado, puede ignorar este mensaje: su contraseña no cambia.
mail-notification-subject = Concord: novedades de la propuesta { $reference }
mail-notification-settings = Recibe estos mensajes debido a su configuración de notificaciones. Para cambiarla, vaya a { $link }
mail-digest-subject = Concord: su resumen diario del { $day }
mail-digest-intro = Sus notificaciones del { $day } ({ $count }):

login-forgot-link = ¿Olvidó su contraseña?
forgot-title = Contraseña olvidada
forgot-intro = Introduzca la dirección de correo electrónico de su cuenta. Si una cuenta tiene esta dirección, le enviaremos un enlace para elegir una nueva contraseña.
forgot-submit = Enviar el enlace
forgot-back-to-login = Volver a iniciar sesión
reset-title = Elija una nueva contraseña
reset-intro = Elija la nueva contraseña de su cuenta. Una vez guardada, se cerrará la sesión en todos los navegadores conectados a su cuenta.
reset-submit = Guardar la nueva contraseña
confirm-title = Confirme su dirección de correo electrónico
confirm-intro = Confirme que esta dirección de correo electrónico es suya, para que Concord pueda enviarle notificaciones.
confirm-submit = Confirmar mi dirección
link-spent-title = Este enlace ya no funciona
link-spent-intro = El enlace ya se ha utilizado, ha caducado o está incompleto.
link-spent-forgot = Solicitar un nuevo enlace para restablecer la contraseña
link-spent-account = Ir a su cuenta para solicitar un nuevo enlace de confirmación
address-title = Dirección de correo electrónico
address-confirmed = Su dirección de correo electrónico está confirmada.
address-unconfirmed = Su dirección de correo electrónico aún no está confirmada.
address-unconfirmed-means = Hasta que abra el enlace que le enviamos, no se le envía ninguna notificación por correo electrónico.
address-resend = Enviar de nuevo el enlace de confirmación
notice-reset-sent = Si una cuenta tiene esta dirección, se le ha enviado un enlace para elegir una nueva contraseña. El enlace es válido durante una hora.
notice-password-reset = Su nueva contraseña se ha guardado. Se ha cerrado la sesión en todos los navegadores conectados a su cuenta: inicie sesión con la nueva contraseña.
notice-address-confirmed = Su dirección de correo electrónico está confirmada.
notice-confirmation-sent = Se ha enviado un nuevo enlace de confirmación a su dirección de correo electrónico.
