# El examen de las propuestas: la cola, las decisiones, las notas internas, las notificaciones.

## Navigation

nav-notifications = Notificaciones
nav-unread = sin leer

## The queue

review-queue-title = Cola de examen
review-queue-link = Cola de examen
review-queue-intro-decide = Las propuestas presentadas a este grupo que esperan una decisión, de la más antigua a la más reciente. Cada decisión se adopta sobre la versión que usted lee, con una justificación, y es pública.
review-queue-intro-read = Las propuestas presentadas a este grupo que esperan una decisión, de la más antigua a la más reciente. Como moderador puede leer la cola y escribir notas internas; deciden los relatores.
review-queue-count = Propuestas en la cola: { $count }
review-filter = Filtrar
review-co-sponsors = Copatrocinadores
review-co-sponsors-none = Ninguno
review-co-sponsors-1 = Al menos 1
review-co-sponsors-2 = Al menos 2
review-co-sponsors-5 = Al menos 5
review-under-review = Versión examinada
review-public-page = Página pública
review-notes = Notas internas
review-history = Historial
review-similar = Propuestas más parecidas de este grupo
review-similar-none = No hay ninguna propuesta parecida en este grupo.
review-similarity = Proporción de la redacción que comparten ambas propuestas
review-similarity-percent = { $percent } % de coincidencia
review-similarity-near-identical = casi idéntica: una o dos palabras cambiadas
review-decide = Examinar y decidir
review-open = Abrir

## One proposal under review

review-proposal-title = Examen
review-text = Texto examinado
review-decision-title = Decisión
review-decision-intro = Su decisión se adopta sobre la versión { $version }, la que se muestra en esta página. Es pública, con su justificación; los relatores figuran por su función.
review-decision = Decisión
review-decision-choose = Elija una decisión
review-decision-accept = Aceptar
review-decision-request-revision = Solicitar una revisión
review-decision-reject = Rechazar
review-decision-merge = Fusionar con otra propuesta
review-decision-duplicate = Marcar como duplicado de otra propuesta
review-rationale = Justificación
review-rationale-hint = Obligatoria. Si solicita una revisión, indique qué cambiar: el autor lo leerá en la página de la propuesta.
review-rationale-not-recorded = Su justificación, no registrada:
review-target = Otra propuesta (para una fusión o un duplicado)
review-target-hint = Su referencia, como GCM/CP/0003. Debe pertenecer a este grupo.
review-decision-submit = Registrar la decisión
review-notes-intro = Solo los relatores y moderadores de este grupo y la secretaría leen estas notas.
review-notes-none = Todavía no hay notas.
review-note = Nueva nota
review-note-submit = Añadir la nota
review-reply-to = Responder a { $author }
review-reply-submit = Responder

## Refusals

review-error-choose-decision = Elija una decisión.
review-error-not-submitted = Esta propuesta ya no espera una decisión: entretanto se decidió, se retiró o se devolvió a su autor. No se ha registrado nada.
review-error-stale-version = El autor presentó una nueva versión después de que usted abriera esta página. Se muestra a continuación: léala y vuelva a decidir. Su justificación se conserva.
review-error-changed = Esta propuesta cambió mientras usted decidía. Se muestra a continuación tal como está ahora. No se ha registrado nada.
review-error-target-required = Indique la referencia de la otra propuesta.
review-error-target-not-expected = Esta decisión no menciona ninguna otra propuesta.
review-error-target-itself = Una propuesta no puede fusionarse consigo misma ni ser su propio duplicado.
review-error-target-other-group = La otra propuesta pertenece a otro grupo de acción: solo pueden fusionarse o marcarse como duplicadas propuestas del mismo grupo.
review-error-target-not-eligible = La otra propuesta no admite esto: ella misma se retiró, se fusionó o se marcó como duplicado (o se rechazó, en el caso de una fusión).
review-error-no-such-target = Ninguna propuesta presentada en este proceso tiene esta referencia.

## Public decisions and history

review-decision-public-title = Decisión
review-revision-requested-title = Revisión solicitada
review-done-accept = Aceptada
review-done-request-revision = Revisión solicitada
review-done-reject = Rechazada
review-done-merge = Fusionada con
review-done-duplicate = Marcada como duplicado de
review-on-version = sobre la versión { $version }
review-by-rapporteur = por el relator del grupo
review-by-secretariat = por la secretaría
review-by-reviewers = por los examinadores
review-history-version = Versión { $version } presentada
review-history-withdrawn = Retirada por su autor
review-public-history = Historial
review-referrers = Propuestas incorporadas a esta
review-referrer-merge = Fusionada con esta propuesta
review-referrer-duplicate = Marcada como duplicado de esta propuesta
review-uses = Dónde se utilizó esta propuesta
review-uses-none = Ningún documento publicado cita todavía esta propuesta.
review-used-in = { $document }, { $revision }, párrafo { $number }
review-used-in-heading = { $document }, { $revision }
review-open-review = Abrir esta propuesta en la cola de examen

## The group report

review-report-compile-intro = Compile el informe del grupo a partir de sus propuestas aceptadas. Cada párrafo conserva un enlace a la propuesta de la que procede; después puede editarlo y publicarlo.
review-report-compile = Compilar el informe del grupo
review-report-working = Copia de trabajo

## Notifications

notifications-title = Notificaciones
notifications-intro = Las decisiones sobre sus propuestas, las invitaciones a copatrocinar, la moderación de sus contribuciones y lo que llega para su examen.
notifications-settings-link = Elija cómo recibirlas.
notifications-none = No tiene notificaciones.
notifications-new = Nueva
notifications-digest-of = Resumen diario del { $day }
notifications-decision = Se ha adoptado una decisión.
notifications-accept = Aceptada.
notifications-request-revision = Los relatores piden una nueva versión.
notifications-reject = Rechazada.
notifications-merge = Fusionada con otra propuesta.
notifications-duplicate = Marcada como duplicado de otra propuesta.
notifications-settings-title = Notificaciones
notifications-settings-intro = Aquí se le notifican las decisiones sobre las propuestas que ha presentado o que copatrocina su organización.
notifications-see-all = Ver sus notificaciones.
notifications-delivery = Cómo recibirlas
notifications-delivery-immediate = En el acto, una por una
notifications-delivery-daily-digest = Una vez al día, juntas en un resumen al día siguiente (UTC)
notifications-settings-submit = Guardar la configuración de las notificaciones

## Notices after a redirect

notice-decision-recorded = La decisión se ha registrado y publicado. Se ha notificado al autor y a los copatrocinadores.
notice-note-added = Se ha añadido su nota.
notice-notifications-saved = Se ha guardado su configuración de notificaciones.
review-queue-count-more = Propuestas en la cola: más de { $count }
