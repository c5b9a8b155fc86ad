# Quién recibe qué aviso, y lo que espera al personal.

notifications-co-sponsor-invited = Se invita a su organización a copatrocinar esta propuesta. Responda en su página.
notifications-proposal-arrived = Una nueva propuesta de su grupo espera su examen.
notifications-proposal-resubmitted = Una nueva versión de esta propuesta espera su examen.
notifications-contribution-hidden = Un moderador ha ocultado su contribución.
notifications-contribution-shown = Un moderador ha vuelto a hacer pública su contribución.
notifications-revision-published = Se ha publicado esta revisión.
notifications-reason = Motivo

contribution-unhide-title = Volver a hacer pública esta contribución
contribution-unhide-reason = Motivo (público, se comunica al autor)
contribution-unhide-hint = Entre 5 y 1.000 caracteres. Se notifica al autor y el registro de auditoría lo conserva.
contribution-unhide = Volver a hacer pública
contribution-error-unhide-reason = Indique un motivo de 5 a 1.000 caracteres.
notice-unhidden = La contribución vuelve a ser pública; se ha notificado a su autor.

proposal-invite-choose = Elija una organización
proposal-error-organisation-not-accredited = Esta organización no está acreditada en este proceso. Elija una de la lista.

error-revision-after-final = Se ha publicado una revisión titulada «Final». Marque la casilla para confirmar que esta revisión la sigue.
document-after-final-warning = La última revisión se titula «Final». Los lectores la tomarán por el texto final.
document-after-final-confirm = Publicar esta revisión después de la final

document-unreported-groups = Estos grupos aún no tienen un informe publicado
document-missing-accepted = { $count ->
    [one] Una propuesta aceptada de este grupo aún no figura en el informe
   *[other] { $count } propuestas aceptadas de este grupo aún no figuran en el informe
}
document-missing-version = versión { $version }
document-pull-accepted = { $count ->
    [one] Añadir esta propuesta al informe
   *[other] Añadir estas { $count } propuestas al informe
}
notice-pulled-accepted = Las propuestas aceptadas se han añadido al informe, cada una con su fuente.
notice-nothing-to-pull = El informe ya incluye estas propuestas.
document-pick-scope = Dónde buscar
document-pick-scope-group = Las propuestas aceptadas de este grupo
document-pick-scope-all = El resumen de la Presidencia y todas las propuestas aceptadas

process-participation = Participación
work-title = Su trabajo
work-review = { $count ->
    [0] Ninguna propuesta espera su examen
    [one] Una propuesta espera su examen
   *[other] { $count } propuestas esperan su examen
}
work-hidden = { $count ->
    [0] Ninguna contribución oculta
    [one] Una contribución oculta
   *[other] { $count } contribuciones ocultas
}
work-document-revisions = { $count ->
    [0] versión de trabajo, nada publicado aún
    [one] versión de trabajo, una revisión publicada
   *[other] versión de trabajo, { $count } revisiones publicadas
}
work-compile-summary = El resumen de la Presidencia aún no se ha compilado.
work-start-draft = El borrador aún no se ha iniciado.
work-unreported = { $count ->
    [one] Un grupo aún no tiene un informe publicado
   *[other] { $count } grupos aún no tienen un informe publicado
}
work-accreditations = { $count ->
    [0] Ninguna solicitud de acreditación pendiente
    [one] Una solicitud de acreditación espera su decisión
   *[other] { $count } solicitudes de acreditación esperan su decisión
}
