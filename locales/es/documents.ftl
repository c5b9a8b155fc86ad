## Documents: group reports, the Chair's summary, the draft
document-kind-group-report = Informe del grupo
document-kind-chairs-summary = Resumen de la Presidencia
document-kind-draft = Borrador
document-kind-paragraph = Párrafo
document-kind-measure = Medida, con una letra bajo el párrafo anterior
document-kind-heading = Título
document-working-copy = Copia de trabajo
document-working-copy-intro = No es pública: lo que los redactores están editando ahora. Publíquela como revisión para hacerla pública.
document-showing-revision = Revisión publicada
document-revisions = Revisiones
document-compare = Comparar revisiones
document-compare-from = Anterior
document-compare-to = Posterior
document-compare-submit = Comparar
document-compare-summary = Diferencias
document-changed-count = { $count ->
    [one] { $count } modificado
   *[other] { $count } modificados
}
document-added-count = { $count ->
    [one] { $count } añadido
   *[other] { $count } añadidos
}
document-removed-count = { $count ->
    [one] { $count } eliminado
   *[other] { $count } eliminados
}
document-moved-count = { $count ->
    [one] { $count } desplazado
   *[other] { $count } desplazados
}
document-differences = Párrafo por párrafo
document-change-unchanged = sin cambios
document-change-changed = modificado
document-change-added = añadido
document-change-removed = eliminado
document-change-moved = desplazado
document-concordance = Concordancia de los números de párrafo
document-concordance-new = (nuevo)
document-concordance-removed = (eliminado)
document-first-paragraph = Primer párrafo
document-insert = Añadir
document-insert-after = Añadir después de este
document-node-kind = Tipo
document-node-text = Texto
document-node-text-hint = Markdown: **negrita**, *cursiva*, una línea en blanco entre párrafos.
document-edit-node = Editar
document-move-up = Subir
document-move-down = Bajar
document-delete-node = Eliminar
document-node-place = Mover o suprimir
document-publish-title = Publicar una revisión
document-publish-intro = Al publicar, la copia de trabajo queda fijada tal como está, con un nombre, para que todos la lean. Una revisión publicada no cambia nunca.
document-revision-label = Nombre de la revisión
document-revision-label-hint = Por ejemplo: Borrador cero, Rev.1, Rev.2, Texto final.
document-publish = Publicar
document-sources = Fuentes
document-sources-count = { $count ->
    [one] { $count } fuente
   *[other] { $count } fuentes
}
document-no-sources = Todavía no hay ninguna fuente vinculada a este párrafo.
document-add-source = Vincular una fuente
document-source-kind = Tipo de fuente
document-source-proposal = Una propuesta de compromiso
document-source-contribution = Una contribución escrita
document-source-paragraph = Un párrafo de otro documento
document-source-reference = Referencia
document-source-reference-hint = Un número de referencia como GCM/CP/0012 o GCM/WC/0042; para un párrafo, el nombre corto del documento y el número del párrafo, como group-1-report 7.
document-source-version = Versión (opcional)
document-source-version-hint = Para una propuesta: el número de versión; la más reciente si se deja en blanco.
document-source-quote = Cita (opcional)
document-source-note = Nota (opcional)
document-conflict = Otra persona guardó este párrafo mientras usted lo editaba y cambió las mismas palabras. No se ha perdido nada: su texto aparece primero y el de usted está en el cuadro. Combínelos y guarde.
document-conflict-theirs = Guardado entretanto por otra persona
document-conflict-mine = Su texto
document-conflict-hint = Al guardar, el texto guardado entretanto se sustituye por lo que hay en este cuadro.
document-node-removed-meanwhile = Alguien eliminó este párrafo mientras usted lo editaba. Su texto se conserva a continuación: vuelva a añadirlo o cópielo en otro lugar.
document-add-again = Volver a añadirlo
error-heading-one-line = Un título ocupa una sola línea.
error-no-such-source = No se ha encontrado nada con esta referencia en este proceso.
notice-merged = Guardado. Otra persona había cambiado entretanto otras palabras de este párrafo; se conservan ambos cambios.
notice-published = Se ha publicado la revisión.
document-pick-title = Incorporar texto
document-pick-intro = Párrafos del resumen de la Presidencia publicado y propuestas aceptadas. Lo que incorpore conserva su fuente y puede editarse.
document-pick-count = { $count ->
    [one] { $count } párrafo o propuesta
   *[other] { $count } párrafos y propuestas
}
document-pull = Incorporar
document-pull-here = Incorporar texto después de este
document-compile-summary = Compilar el resumen de la Presidencia
document-start-draft = Empezar el borrador
document-start-report = Empezar el informe del grupo
document-details = Título, signatura e idioma
document-details-intro = Estos datos encabezan cada revisión que se publique a partir de ahora y cada exportación de ella.
document-details-title = Título
document-details-symbol = Signatura del documento (opcional)
document-details-symbol-hint = La signatura con la que se publica el documento, como A/CONF.231/3.
document-details-language = Idioma del texto
document-details-language-hint = Las exportaciones lo indican, para que los lectores, los lectores de pantalla y los archivos traten el texto correctamente.
document-language-choose = Elija uno de los idiomas de la lista.
notice-details-saved = Se han guardado los datos.
error-revision-label-required = Dé un nombre a la revisión, como Rev.1.
error-revision-label-taken = Este documento ya tiene una revisión con este nombre; elija otro.
document-details-changed-meanwhile = Otra persona cambió esto mientras usted lo editaba; lo que guardó se muestra arriba. Si vuelve a guardar, se conservará lo que hay en este cuadro.

## Corchetes y estado de los párrafos del borrador negociado
document-brackets-hint = Los corchetes señalan el texto aún no acordado: [primera opción {"{"}A/3: México{"}"}] [segunda opción {"{"}UE{"}"}]. Escriba \[ y \] para corchetes literales.
error-brackets-nested = Se abre un corchete dentro de otro: cierre el primero antes de abrir el siguiente, o escriba \[ para un corchete literal.
error-brackets-unopened = Un corchete de cierre ] no tiene corchete de apertura antes: añada el [ o escriba \] para un corchete literal.
error-brackets-unclosed = Un corchete [ nunca se cierra: añada el ] o escriba \[ para un corchete literal.
error-brackets-citation-unclosed = Una cita {"{"}…{"}"} dentro de un corchete no se cierra antes de que termine el corchete.
error-brackets-after-citation = La cita {"{"}…{"}"} debe ir al final de su corchete, justo antes del ].
error-brackets-empty = Un corchete no contiene ni texto ni cita.
paragraph-status-pending = Pendiente
paragraph-status-agreed-ad-ref = Acordado ad referendum
paragraph-status-agreed = Acordado
document-status-label = Estado en la negociación
document-status-set = Guardar el estado
consensus-heading = Grado de consenso
consensus-paragraphs = Párrafos
consensus-agreed = Acordados
consensus-agreed-ad-ref = Acordados ad referendum
consensus-open-brackets = Corchetes abiertos
document-amendment-no-change = La enmienda coincide con el texto actual del párrafo.
document-amendment-crosses-bracket = Las palabras que cambia la enmienda atraviesan un corchete del párrafo: resuelva primero ese corchete o acepte la enmienda completa.
