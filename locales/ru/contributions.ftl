## Written contributions
contributions-title = Письменные материалы
contributions-count = { $count ->
    [one] { $count } материал
    [few] { $count } материала
    [many] { $count } материалов
   *[other] { $count } материала
}
contributions-none = Подходящих материалов нет. Попробуйте меньше слов или другие фильтры.
contribution-new = Написать материал
contribution-form-title = Написать материал
contribution-edit-draft-title = Ваш черновик материала
contribution-your-drafts = Ваши черновики
contribution-untitled = (черновик без названия)
contribution-saved-at = сохранено
field-contribution-title = Название
field-contribution-title-hint = Не более { $max } символов.
field-contribution-body = Текст
field-contribution-body-hint = Не более { $max } символов. Можно использовать Markdown: пустая строка между абзацами, # для заголовка, * для списка, **жирный**, *курсив*.
field-contribution-groups = Группы действий
field-contribution-themes = Темы
field-attachments = Вложения
field-attachments-add = Добавить PDF-файлы
field-attachments-hint = Только PDF, до 20 МБ каждый, не более 5 за раз. Они прикрепляются к черновику, как только вы сохраняете, просматриваете или отправляете его.
attachment-remove = Удалить
contribution-submit = Представить публично
contribution-submit-hint = При представлении ваш вклад сразу публикуется от вашего имени и от имени вашей организации с присвоением условного обозначения; это действие необратимо. Сохраните черновик, чтобы продолжить работу над ним.
contribution-preview = Предварительный просмотр
contribution-save-draft = Сохранить черновик
contribution-preview-heading = Предварительный просмотр
autosave-saved = Черновик автоматически сохранен в { "{" }time{ "}" } (UTC).
autosave-failed = Не удалось автоматически сохранить черновик. Нажмите «Сохранить черновик», чтобы не потерять текст.
contribution-window-closed = Окно консультаций не открыто, поэтому представить этот материал сейчас нельзя. Его можно сохранить как черновик.
contribution-window-closed-draft-kept = Окно консультаций закрылось, пока вы писали. Ваш текст сохранен как черновик, ничего не потеряно. Если вам нужно представить материал после срока, обратитесь в секретариат.
contribution-window-not-open-draft-kept = Окно консультаций еще не открылось. Ваш текст сохранен как черновик; представьте его, когда окно откроется.
contribution-kept-as-draft = Ваш текст сохранен как черновик. Исправьте отмеченное ниже и отправьте.
contribution-not-saved = Пока ничего не сохранено: исправьте отмеченное ниже. Ваш текст по-прежнему в форме.
contribution-not-saved-failure = На этот раз ваш текст не удалось сохранить, и он не был отправлен. Он по-прежнему в форме: попробуйте еще раз.
contribution-by = Представлено
contribution-withdrawn-notice = Автор отозвал этот материал.
contribution-withdraw = Отозвать этот материал
contribution-withdraw-intro = Отозванный материал остается доступным для чтения с пометкой «отозван». Отменить это нельзя.
contribution-hidden-tombstone = Этот материал скрыт модератором
contribution-hidden-reason = Причина:
contribution-hide-title = Скрыть этот материал
contribution-hide-reason = Публичная причина
contribution-hide-hint = Показывается вместо материала. От 5 до 1000 символов.
contribution-hide = Скрыть
contribution-status-draft = Черновик
contribution-status-submitted = Представлен
contribution-status-withdrawn = Отозван
contribution-status-hidden = Скрыт
receipt-title = Квитанция
receipt-reference = Регистрационный номер
receipt-submitted = Получено
receipt-hash = SHA-256 представленного текста
receipt-download = Скачать квитанцию
error-not-pdf = Прикреплять можно только PDF-файлы; файл, не являющийся PDF, не прикреплен.
error-no-such-theme = В этом процессе нет такой темы.

## Notices
notice-submitted = Ваш материал получен. Квитанция ниже: сохраните регистрационный номер.
notice-draft-saved = Ваш черновик сохранен.
notice-withdrawn = Материал отозван.
notice-hidden = Материал скрыт; на его месте указана причина.
notice-session-expired-draft-saved = Ваш сеанс завершился, поэтому текст сохранен как черновик. Войдите, чтобы продолжить с того же места.

## Lists
search-label = Поиск
search-submit = Найти
filter-any = Любая
filter-group = Группа действий
filter-theme = Тема
filter-status = Статус
filter-language = Язык
sort-label = Сортировка
sort-newest = Сначала новые
sort-oldest = Сначала старые
sort-title = Название
sort-reference = Регистрационный номер
sort-relevance = Сначала наиболее подходящие
search-more-than = Найдено больше { $count }: показаны { $count } самых новых. Добавьте слово или фильтр, чтобы сузить поиск.
search-more-than-best = Найдено больше { $count }: показаны { $count } самых подходящих. Добавьте слово или фильтр, чтобы сузить поиск.
pagination-label = Страницы
pagination-previous = Предыдущая страница
pagination-next = Следующая страница
pagination-page = Страница { $page }
pagination-first = Первая страница
pagination-rows = Строки { $from }–{ $to } из { $total }
pagination-rows-more = Строки { $from }–{ $to } из более чем { $total }
pagination-too-deep = Номера страниц заканчиваются на { $max }: это первая страница. Продолжайте кнопкой «Следующая страница» или сузьте список фильтрами.
contributions-count-more = { $count ->
    [one] Более { $count } материала
   *[other] Более { $count } материалов
}

## Campaigns: many submissions of the same letter
campaign-title = Кампания
campaign-submitted-times = { $count ->
    [one] Этот текст представлен { $count } раз
    [few] Этот текст представлен { $count } раза
   *[other] Этот текст представлен { $count } раз
}
campaign-added-words = { $count ->
    [0] никто не добавил своих слов
    [one] { $count } человек добавил свои слова
    [few] { $count } человека добавили свои слова
   *[other] { $count } человек добавили свои слова
}
campaign-member = { $count ->
    [1] Этот текст входит в кампанию.
   *[other] Один из экземпляров кампании (всего { $count }).
}
campaign-see = Посмотреть кампанию
campaign-letter = Письмо
campaign-copies-heading = Экземпляры со своими словами
campaign-copies-none = Ни один экземпляр не отличается от письма.
campaign-copies-no-more = Больше нет экземпляров, отличающихся от письма.
campaign-diff-added = добавлено
campaign-diff-removed = удалено
contribution-hidden-shown-to-you = Скрыто от всех остальных: вы видите текст, потому что вы его автор, модератор или ведёте процесс.

## The receipt as a file (receipt.txt), in the reader's language
receipt-file-heading = Квитанция о получении письменного вклада
receipt-file-process = Процесс:
receipt-file-reference = Номер:
receipt-file-title = Название:
receipt-file-submitted = Представлено:
receipt-file-hash = SHA-256 представленного текста:
receipt-file-attachment = Вложение:
receipt-file-size = { $size ->
    [one] { $size } байт
    [few] { $size } байта
   *[many] { $size } байтов
}
receipt-file-check = Хеш вычисляется по названию, пустой строке и тексту точно в том виде, в каком они были представлены (UTF-8, переводы строк LF). Чтобы проверить его:

# The language a contribution or proposal is written in.
field-text-language = Язык этого текста
field-text-language-hint = Предложен по письменности вашего текста; измените его, если он неверен.
error-no-such-language = Выберите один из шести официальных языков.
