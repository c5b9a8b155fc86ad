## Written contributions
contributions-title = Contribuciones escritas
contributions-count = { $count ->
    [one] { $count } contribución
   *[other] { $count } contribuciones
}
contributions-none = Ninguna contribución coincide. Pruebe con menos palabras o con otros filtros.
contribution-new = Escribir una contribución
contribution-form-title = Escribir una contribución
contribution-edit-draft-title = Su borrador de contribución
contribution-your-drafts = Sus borradores
contribution-untitled = (borrador sin título)
contribution-saved-at = guardado
field-contribution-title = Título
field-contribution-title-hint = Hasta { $max } caracteres.
field-contribution-body = Texto
field-contribution-body-hint = Hasta { $max } caracteres. Puede usar Markdown: una línea en blanco entre párrafos, # para un título, * para una lista, **negrita**, *cursiva*.
field-contribution-groups = Grupos de acción
field-contribution-themes = Temas
field-attachments = Archivos adjuntos
field-attachments-add = Añadir archivos PDF
field-attachments-hint = Solo PDF, hasta 20 MB cada uno y hasta 5 a la vez. Se adjuntan al borrador en cuanto lo guarda, lo previsualiza o lo presenta.
attachment-remove = Quitar
contribution-submit = Presentar públicamente
contribution-submit-hint = Al presentarla, su contribución se publica de inmediato, con su nombre y el de su organización y un número de referencia: no se puede deshacer. Guarde un borrador para seguir trabajando en ella.
contribution-preview = Vista previa
contribution-save-draft = Guardar el borrador
contribution-preview-heading = Vista previa
autosave-saved = Borrador guardado automáticamente a las { "{" }time{ "}" } (UTC).
autosave-failed = No se ha podido guardar automáticamente el borrador. Use «Guardar el borrador» para conservar su texto.
contribution-window-closed = El plazo de consulta no está abierto, por lo que esta contribución no puede presentarse ahora. Puede guardarla como borrador.
contribution-window-closed-draft-kept = El plazo de consulta se cerró mientras escribía. Su texto se ha guardado como borrador, sin perder nada. Consulte a la secretaría si necesita presentarlo fuera de plazo.
contribution-window-not-open-draft-kept = El plazo de consulta aún no se ha abierto. Su texto se ha guardado como borrador; preséntelo cuando se abra el plazo.
contribution-kept-as-draft = Su texto se ha guardado como borrador. Corrija lo que se indica a continuación y preséntelo.
contribution-not-saved = Todavía no se ha guardado nada: corrija lo que se indica a continuación. Su texto sigue en el formulario.
contribution-not-saved-failure = Esta vez no se ha podido guardar su texto y no se ha presentado. Sigue en el formulario: inténtelo de nuevo.
contribution-by = Presentada por
contribution-withdrawn-notice = Su autor retiró esta contribución.
contribution-withdraw = Retirar esta contribución
contribution-withdraw-intro = Al retirarla, la contribución sigue pudiendo leerse, marcada como retirada. No puede deshacerse.
contribution-hidden-tombstone = Un moderador ocultó esta contribución
contribution-hidden-reason = Motivo:
contribution-hide-title = Ocultar esta contribución
contribution-hide-reason = Motivo público
contribution-hide-hint = Se muestra en lugar de la contribución. Entre 5 y 1.000 caracteres.
contribution-hide = Ocultar
contribution-status-draft = Borrador
contribution-status-submitted = Presentada
contribution-status-withdrawn = Retirada
contribution-status-hidden = Oculta
receipt-title = Acuse de recibo
receipt-reference = Número de referencia
receipt-submitted = Recibida
receipt-hash = SHA-256 del texto presentado
receipt-download = Descargar el acuse de recibo
error-not-pdf = Solo pueden adjuntarse archivos PDF; se ha omitido un archivo que no es PDF.
error-no-such-theme = Este proceso no tiene ese tema.

## Notices
notice-submitted = Se ha recibido su contribución. El acuse de recibo figura a continuación: conserve el número de referencia.
notice-draft-saved = Se ha guardado su borrador.
notice-withdrawn = Se ha retirado la contribución.
notice-hidden = Se ha ocultado la contribución; en su lugar se indica el motivo.
notice-session-expired-draft-saved = Su sesión había terminado, así que su texto se ha guardado como borrador. Inicie sesión para continuar donde estaba.

## Lists
search-label = Buscar
search-submit = Buscar
filter-any = Cualquiera
filter-group = Grupo de acción
filter-theme = Tema
filter-status = Estado
filter-language = Idioma
sort-label = Ordenar por
sort-newest = Más recientes primero
sort-oldest = Más antiguas primero
sort-title = Título
sort-reference = Número de referencia
sort-relevance = Mejores coincidencias primero
search-more-than = Más de { $count } coinciden: se muestran las { $count } más recientes. Añada una palabra o un filtro para acotar la búsqueda.
search-more-than-best = Más de { $count } coinciden: se muestran las { $count } más pertinentes. Añada una palabra o un filtro para acotar la búsqueda.
pagination-label = Páginas
pagination-previous = Página anterior
pagination-next = Página siguiente
pagination-page = Página { $page }
pagination-first = Primera página
pagination-rows = Filas { $from }–{ $to } de { $total }
pagination-rows-more = Filas { $from }–{ $to } de más de { $total }
pagination-too-deep = Los números de página llegan hasta { $max }: esta es la primera página. Continúe con «Página siguiente» o acote la lista con los filtros.
contributions-count-more = Más de { $count } contribuciones

## Campaigns: many submissions of the same letter
campaign-title = Campaña
campaign-submitted-times = { $count ->
    [one] Este texto se presentó una vez
   *[other] Este texto se presentó { $count } veces
}
campaign-added-words = { $count ->
    [0] nadie añadió palabras propias
    [one] una persona añadió palabras propias
   *[other] { $count } personas añadieron palabras propias
}
campaign-member = { $count ->
    [one] Este texto forma parte de una campaña.
   *[other] Uno de los { $count } ejemplares de una campaña.
}
campaign-see = Ver la campaña
campaign-letter = La carta
campaign-copies-heading = Ejemplares con palabras propias
campaign-copies-none = Ningún ejemplar difiere de la carta.
campaign-copies-no-more = No hay más ejemplares que difieran de la carta.
campaign-diff-added = añadido
campaign-diff-removed = eliminado
contribution-hidden-shown-to-you = Oculta para todos los demás: usted ve su texto porque es su autor, modera o dirige el proceso.

## The receipt as a file (receipt.txt), in the reader's language
receipt-file-heading = Acuse de recibo de una contribución escrita
receipt-file-process = Proceso:
receipt-file-reference = Referencia:
receipt-file-title = Título:
receipt-file-submitted = Presentada:
receipt-file-hash = SHA-256 del texto presentado:
receipt-file-attachment = Archivo adjunto:
receipt-file-size = { $size ->
    [one] { $size } byte
   *[other] { $size } bytes
}
receipt-file-check = El hash se calcula sobre el título, una línea en blanco y el texto, exactamente como se presentaron (UTF-8, saltos de línea LF). Para comprobarlo:

# The language a contribution or proposal is written in.
field-text-language = Idioma de este texto
field-text-language-hint = Propuesto según la escritura de su texto; cámbielo si no es correcto.
error-no-such-language = Elija uno de los seis idiomas oficiales.
