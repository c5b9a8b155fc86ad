## Documents: group reports, the Chair's summary, the draft
document-kind-group-report = Доклад группы
document-kind-chairs-summary = Резюме Председателя
document-kind-draft = Проект
document-kind-paragraph = Пункт
document-kind-measure = Мера, с буквенным обозначением под предыдущим пунктом
document-kind-heading = Заголовок
document-working-copy = Рабочий вариант
document-working-copy-intro = Не публикуется: то, что сейчас редактируют составители. Опубликуйте его как редакцию, чтобы сделать общедоступным.
document-showing-revision = Опубликованная редакция
document-revisions = Редакции
document-compare = Сравнить редакции
document-compare-from = Более ранняя
document-compare-to = Более поздняя
document-compare-submit = Сравнить
document-compare-summary = Различия
document-changed-count = изменено: { $count }
document-added-count = добавлено: { $count }
document-removed-count = удалено: { $count }
document-moved-count = перемещено: { $count }
document-differences = По пунктам
document-change-unchanged = без изменений
document-change-changed = изменен
document-change-added = добавлен
document-change-removed = удален
document-change-moved = перемещен
document-concordance = Таблица соответствия номеров пунктов
document-concordance-new = (новый)
document-concordance-removed = (удален)
document-first-paragraph = Первый пункт
document-insert = Добавить
document-insert-after = Добавить после этого
document-node-kind = Тип
document-node-text = Текст
document-node-text-hint = Markdown: **жирный**, *курсив*, пустая строка между абзацами.
document-edit-node = Изменить
document-move-up = Переместить вверх
document-move-down = Переместить вниз
document-delete-node = Удалить
document-node-place = Переместить или удалить
document-publish-title = Опубликовать редакцию
document-publish-intro = Публикация закрепляет рабочий вариант в его нынешнем виде под определенным названием, чтобы его могли прочитать все. Опубликованная редакция больше не меняется.
document-revision-label = Название редакции
document-revision-label-hint = Например: Нулевой проект, Rev.1, Rev.2, Окончательный текст.
document-publish = Опубликовать
document-sources = Источники
document-sources-count = { $count ->
    [one] { $count } источник
    [few] { $count } источника
    [many] { $count } источников
   *[other] { $count } источника
}
document-no-sources = К этому пункту еще не привязан ни один источник.
document-add-source = Привязать источник
document-source-kind = Вид источника
document-source-proposal = Предложение об обязательстве
document-source-contribution = Письменный материал
document-source-paragraph = Пункт другого документа
document-source-reference = Номер
document-source-reference-hint = Регистрационный номер, например GCM/CP/0012 или GCM/WC/0042; для пункта — краткое название документа и номер пункта, например group-1-report 7.
document-source-version = Версия (необязательно)
document-source-version-hint = Для предложения: номер версии; если не указан — последняя.
document-source-quote = Цитата (необязательно)
document-source-note = Примечание (необязательно)
document-conflict = Пока вы редактировали этот пункт, его сохранил кто-то другой, изменив те же слова. Ничего не потеряно: сначала показан его текст, ваш — в поле ввода. Объедините их и сохраните.
document-conflict-theirs = Сохранено за это время другим участником
document-conflict-mine = Ваш текст
document-conflict-hint = При сохранении текст, сохраненный за это время, будет заменен содержимым этого поля.
document-node-removed-meanwhile = Пока вы редактировали этот пункт, кто-то его удалил. Ваш текст сохранен ниже: добавьте его снова или скопируйте в другое место.
document-add-again = Добавить снова
error-heading-one-line = Заголовок — это одна строка.
error-no-such-source = В этом процессе ничего не найдено по этому номеру.
notice-merged = Сохранено. За это время кто-то изменил другие слова этого пункта; сохранены обе правки.
notice-published = Редакция опубликована.
document-pick-title = Включить текст
document-pick-intro = Пункты опубликованного резюме Председателя и принятые предложения. Включенный текст сохраняет свой источник и может редактироваться.
document-pick-count = { $count ->
    [one] { $count } пункт или предложение
    [few] { $count } пункта и предложения
    [many] { $count } пунктов и предложений
   *[other] { $count } пункта и предложения
}
document-pull = Включить
document-pull-here = Включить текст после этого
document-compile-summary = Составить резюме Председателя
document-start-draft = Начать проект
document-start-report = Начать доклад группы
document-details = Название, условное обозначение и язык
document-details-intro = Эти сведения открывают каждую редакцию, опубликованную с этого момента, и каждый ее экспорт.
document-details-title = Название
document-details-symbol = Условное обозначение документа (необязательно)
document-details-symbol-hint = Условное обозначение, под которым выпускается документ, например A/CONF.231/3.
document-details-language = Язык текста
document-details-language-hint = Он указывается при экспорте, чтобы читатели, программы чтения с экрана и архивы правильно обрабатывали текст.
document-language-choose = Выберите один из языков в списке.
notice-details-saved = Сведения сохранены.
error-revision-label-required = Дайте редакции название, например Rev.1.
error-revision-label-taken = У этого документа уже есть редакция с таким названием; выберите другое.
document-details-changed-meanwhile = Пока вы редактировали, это изменил кто-то другой; сохраненное им показано выше. При повторном сохранении останется то, что в этом поле.

## Квадратные скобки и статус пунктов согласуемого проекта
document-brackets-hint = Квадратные скобки обозначают ещё не согласованный текст: [первый вариант {"{"}A/3: Мексика{"}"}] [второй вариант {"{"}ЕС{"}"}]. Пишите \[ и \] для обычных скобок.
error-brackets-nested = Скобка открыта внутри другой: закройте первую, прежде чем открыть следующую, или напишите \[ для обычной скобки.
error-brackets-unopened = Перед закрывающей скобкой ] нет открывающей: добавьте [ или напишите \] для обычной скобки.
error-brackets-unclosed = Скобка [ не закрыта: добавьте ] или напишите \[ для обычной скобки.
error-brackets-citation-unclosed = Ссылка {"{"}…{"}"} внутри скобок не закрыта до конца скобок.
error-brackets-after-citation = Ссылка {"{"}…{"}"} должна стоять в конце скобок, непосредственно перед ].
error-brackets-empty = В скобках нет ни текста, ни ссылки.
paragraph-status-pending = Не согласован
paragraph-status-agreed-ad-ref = Согласован ad referendum
paragraph-status-agreed = Согласован
document-status-label = Статус в переговорах
document-status-set = Сохранить статус
consensus-heading = Близость к консенсусу
consensus-paragraphs = Пункты
consensus-agreed = Согласованы
consensus-agreed-ad-ref = Согласованы ad referendum
consensus-open-brackets = Открытые скобки
document-amendment-no-change = Поправка совпадает с нынешним текстом пункта.
document-amendment-crosses-bracket = Слова, которые меняет поправка, пересекают квадратные скобки пункта: сначала снимите эти скобки или примите поправку целиком.
