# Propuestas de compromisos y páginas de los grupos de acción — español.

## The list
proposals-title = Propuestas de compromisos
proposals-intro = Propuestas concretas de compromisos y medios de implementación, cada una presentada a un grupo de acción. Todas las versiones siguen pudiendo leerse.
proposals-your-drafts = Sus borradores
proposals-untitled = (sin título)
proposals-saved-on = guardado
proposals-search = Buscar propuestas
proposals-search-submit = Buscar
proposals-any = Cualquiera
proposals-sort = Orden
proposals-sort-newest = Más recientes primero
proposals-sort-oldest = Más antiguas primero
proposals-sort-title = Por título
proposals-sort-reference = Por referencia
proposals-sort-relevance = Mejores coincidencias primero
proposals-count = Propuestas encontradas: { $count }
proposals-pages = Páginas
proposals-previous = Página anterior
proposals-next = Página siguiente
proposals-page-of = Página { $page } de { $pages }

## An action group's page
proposals-group-people = Relatores y moderadores
proposals-group-submit = Presentar una propuesta a este grupo
proposals-group-none = Todavía no se ha presentado ninguna propuesta a este grupo.
proposals-group-all = Todas las propuestas de este grupo
proposals-group-report = Informe del grupo
proposals-group-report-later = Los relatores compilan el informe del grupo a partir de las propuestas aceptadas una vez que comienza el examen.

## States
proposal-status = Estado
proposal-status-draft = Borrador
proposal-status-submitted = Presentada
proposal-status-revision-requested = Revisión solicitada
proposal-status-accepted = Aceptada
proposal-status-rejected = Rechazada
proposal-status-merged = Fusionada
proposal-status-duplicate = Duplicada
proposal-status-withdrawn = Retirada

## Fields
proposal-field-title = Título
proposal-hint-title = Un nombre breve para el compromiso, tal como figurará en la lista.
proposal-field-commitment = Compromiso
proposal-hint-commitment = Lo que usted propone que asuman los Estados, en unas pocas frases.
proposal-field-actionable-measures = Medidas concretas
proposal-hint-actionable-measures = Una medida por línea.
proposal-field-partnerships = Alianzas
proposal-hint-partnerships = Quiénes colaboran para llevarlo a cabo, y cómo.
proposal-field-capacity-building = Creación de capacidad
proposal-hint-capacity-building = Las competencias, instituciones o intercambios que requiere.
proposal-field-financing = Financiación
proposal-hint-financing = Cómo se financia.
proposal-field-data = Datos
proposal-hint-data = Los datos que hay que reunir, compartir o mejorar.
proposal-field-responsible-actors = Agentes responsables
proposal-hint-responsible-actors = Quién lo lleva a cabo: gobiernos, autoridades locales, organismos, otros.
proposal-field-sdg-targets = Metas de los ODS
proposal-hint-sdg-targets = Las metas de los Objetivos de Desarrollo Sostenible a las que contribuye, como la 10.7.
proposal-field-timeline = Calendario
proposal-hint-timeline = Cuándo empieza, sus hitos y cuándo concluye.
proposal-field-indicators = Indicadores
proposal-hint-indicators = Cómo se miden los progresos.
proposal-means = Medios de implementación
proposal-means-hint = Los cuatro medios de implementación generales. Deje en blanco lo que no proceda.
proposal-themes = Temas
proposal-theme = Tema
proposal-group = Grupo de acción
proposal-group-hint = El único grupo de acción al que se presenta esta propuesta.
proposal-group-choose = Elija un grupo
proposal-group-fixed = Una propuesta presentada permanece en el grupo al que se presentó.

## Writing
proposal-new-title = Presentar una propuesta de compromiso
proposal-new-intro = Al presentarla, la propuesta se hace pública con un número de referencia. También puede guardar un borrador, que solo usted puede ver, y presentarlo más tarde.
proposal-draft-title = Su borrador de propuesta
proposal-draft-intro = Este borrador está guardado y solo usted puede verlo. Preséntelo cuando esté listo.
proposal-revise-title = Nueva versión de { $reference }
proposal-revise-intro = Está modificando la versión { $version }. Al presentarla se crea una nueva versión; todas las versiones anteriores siguen pudiendo leerse. Un borrador guardado aquí no cambia nada público.
proposal-see-public = Ver la página pública.
proposal-window-closed-warning = El plazo de balance está cerrado: puede guardar su texto como borrador, pero no presentarlo.
proposal-on-behalf = La propuesta se presenta en nombre de su organización.
proposal-submit = Presentar la propuesta
proposal-submit-version = Presentar la nueva versión
proposal-submit-hint = Al presentarla, esta versión se publica de inmediato, con un número de referencia, para que la examinen los relatores del grupo: no se puede deshacer. Guarde un borrador para seguir trabajando en ella.
proposal-save-draft = Guardar el borrador
proposal-error-title-short = El título necesita al menos 3 caracteres.
proposal-error-no-such-theme = Este proceso no tiene ese tema.
proposal-error-newer-version = Se presentó una versión más reciente de esta propuesta después de que usted abriera este formulario. Su texto figura a continuación, aún sin presentar: consulte la página pública y vuelva a presentarlo.
proposal-error-no-such-organisation = No se ha registrado ninguna organización con este nombre exacto.
proposal-error-own-organisation = La propuesta ya se presenta en nombre de esta organización.
proposal-error-already-invited = Esta organización ya ha sido invitada.

## One proposal
proposal-reference = Referencia
proposal-version = Versión
proposal-version-of = Versión { $version }
proposal-submitted-by = Presentada por
proposal-submitted-on = Presentada
proposal-content-hash = Hash del contenido (SHA-256)
proposal-withdrawn-notice = Su autor retiró esta propuesta. Sigue pudiendo leerse.
proposal-withdrawn-on = Retirada:
proposal-older-version = Está leyendo la versión { $version }, no la actual.
proposal-see-current = Ver la versión actual.
proposal-your-proposal = Su propuesta
proposal-your-proposal-intro = Hasta que se adopte una decisión, puede presentar una nueva versión de esta propuesta o retirarla.
proposal-edit = Escribir una nueva versión
proposal-withdraw = Retirar esta propuesta
proposal-withdraw-hint = Una propuesta retirada sigue pudiendo leerse, marcada como retirada, y ya no puede modificarse.
proposal-withdraw-confirm = Sí, retirarla
proposal-co-sponsors = Copatrocinadores
proposal-no-co-sponsors = Todavía no hay copatrocinadores.
proposal-pending-invitations = Invitadas, aún sin respuesta
proposal-invitation-for-you = Se ha invitado a { $organisation } a copatrocinar esta propuesta. Como parte interesada acreditada de esa organización, puede responder.
proposal-accept-invitation = Copatrocinar
proposal-decline-invitation = Declinar
proposal-invite = Invitar a una organización a copatrocinar
proposal-invite-organisation = Organización
proposal-invite-hint = Las organizaciones acreditadas en este proceso.
proposal-invite-submit = Invitar
proposal-history = Versiones
proposal-compare = Comparar
proposal-compare-with-previous = Diferencias con la versión anterior a la { $version }
proposal-compare-first-last = Diferencias entre la primera versión y la actual

## Comparing versions
proposal-compare-title = Diferencias entre versiones
proposal-compare-from = Desde
proposal-compare-to = Hasta
proposal-compare-submit = Comparar
proposal-compare-legend = Las palabras añadidas están subrayadas y las eliminadas, tachadas.
proposal-compare-same = Estas dos versiones son iguales.
proposal-compare-unchanged = Sin cambios:
proposal-diff-added = añadido
proposal-diff-removed = eliminado

## Notices after a redirect
notice-proposal-draft-saved = Se ha guardado su borrador. Solo usted puede verlo.
notice-proposal-window-closed = El plazo de balance se ha cerrado, por lo que no se ha podido presentar su propuesta. No se ha perdido nada: su texto está guardado aquí como borrador.
notice-proposal-session-expired = Su sesión había caducado, por lo que su propuesta no se ha presentado. No se ha perdido nada: su texto está guardado como borrador. Inicie sesión para continuar.
notice-proposal-submitted = Se ha presentado su propuesta. Su número de referencia figura a continuación.
notice-proposal-version-submitted = Se ha presentado su nueva versión.
notice-proposal-withdrawn = Se ha retirado la propuesta.
notice-proposal-invited = Se ha invitado a la organización a copatrocinar esta propuesta.
notice-proposal-co-sponsored = Su organización copatrocina ahora esta propuesta.
notice-proposal-declined = Ha declinado la invitación.
proposals-count-more = Propuestas encontradas: más de { $count }
